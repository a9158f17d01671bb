"""Showing query results to a person: a plain-text table with prefixed IRIs."""

from __future__ import annotations

import json

from .terms import show_binding


def cell(binding: dict | None) -> str:
    """One term as a table shows it: ``jarid:area/leeds``, ``<http://...>`` or the text."""
    shown = show_binding(binding)
    if shown.kind == "iri" and shown.text == shown.iri:
        return f"<{shown.iri}>"
    return shown.plain


def table(results_json: bytes, max_width: int = 60) -> str:
    """SPARQL JSON results (SELECT or ASK) as an aligned text table."""
    data = json.loads(results_json)
    if "boolean" in data:
        return "true" if data["boolean"] else "false"
    variables = data["head"]["vars"]
    rows = [[cell(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
    rows = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
