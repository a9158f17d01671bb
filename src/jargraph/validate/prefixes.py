"""The prefixes an encoding declares, so problems show terms as the person wrote them.

Turtle, TriG and SPARQL-style ``PREFIX`` lines are found by a pattern (the
text is known to parse); JSON-LD's are the term definitions of its
``@context`` whose value ends like a namespace.
"""

from __future__ import annotations

import json
import re

_PREFIX_RE = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def declared_prefixes(text: str, fmt: str) -> dict[str, str]:
    """The prefixes the file itself declares, so terms print as the person wrote them."""
    if fmt == "json-ld":
        return jsonld_prefixes(text)
    return {prefix or "": iri for prefix, iri in _PREFIX_RE.findall(text)}


def jsonld_prefixes(text: str) -> dict[str, str]:
    """Term definitions in a JSON-LD @context that look like namespaces."""
    try:
        doc = json.loads(text)
    except ValueError:
        return {}
    contexts = [doc.get("@context")] if isinstance(doc, dict) else []
    prefixes: dict[str, str] = {}
    for context in contexts:
        for item in context if isinstance(context, list) else [context]:
            if isinstance(item, dict):
                prefixes.update(
                    (key, value)
                    for key, value in item.items()
                    if isinstance(value, str) and not key.startswith("@") and value[-1:] in "/#"
                )
    return prefixes
