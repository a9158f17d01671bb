"""The embedded store: the Oxigraph database of the current build under a home.

It is opened read-only, and opened again when a rebuild has swapped the
``current`` link, so a long-lived reader (a query worker, a server) always
answers from the newest complete build. Queries run over the union of all
named graphs by default, as Fuseki and Virtuoso do; each triple has one home,
so that union is a set.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from ..progress import Progress
from .builds import current_build, current_target, home
from .dataset import UNION
from .errors import StoreError, StoreUnavailable
from .results import QueryOutput, graph_writer, serialise_results
from .syntax import check_limits, locate_syntax_error

NO_BUILD = "there is no store yet: run `jargraph build`"


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    select_format: str = "application/sparql-results+json",
    graph_format: str = "text/turtle",
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    row_limit: int | None = None,
    prefixes: dict[str, str] | None = None,
) -> QueryOutput:
    """Run one query on an Oxigraph store and serialise the answer.

    With no ``default_graphs`` the default graph is the union of the store's graphs,
    which a build makes a set by giving each triple one home (:mod:`.dataset`).
    ``prefixes`` are declared for the query as if written in it (the command
    line passes jargraph's own, so short queries need no PREFIX lines). A query
    past the limits of :func:`.syntax.check_limits` is refused before Oxigraph
    parses it.
    """
    check_limits(sparql)
    try:
        result = store.query(
            sparql,
            default_graph=[ox.NamedNode(g) for g in default_graphs] if default_graphs else None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] if named_graphs else None,
            prefixes=prefixes,
            use_default_graph_as_union=UNION and not default_graphs,
        )
    except SyntaxError as exc:
        raise locate_syntax_error(exc, sparql) from None
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean | ox.QuerySolutions):
        return serialise_results(result, select_format, row_limit)
    body = ox.serialize(result, format=graph_writer(graph_format)) or b""
    return QueryOutput("graph", body, graph_format)


def open_read_only(base: Path | None = None) -> ox.Store:
    """Open the current store for reading; a clear error when there is none yet."""
    link = current_build(base)
    if not link.exists():
        raise StoreUnavailable(f"no store under {link.parent}: run `jargraph build` first",
                               NO_BUILD)
    try:
        return ox.Store.read_only(str(link.resolve() / "oxigraph"))
    except OSError as exc:
        raise StoreUnavailable(f"cannot open the store under {link.parent}: {exc}",
                               NO_BUILD) from None


class EmbeddedStore:
    """The current build's Oxigraph store under ``base`` (see the module docstring)."""

    def __init__(self, base: Path | None = None, prefixes: dict[str, str] | None = None):
        self.base = Path(base) if base is not None else home()
        self.prefixes = prefixes
        self._store: ox.Store | None = None
        self._target: str | None = None

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.base)!r})"

    @property
    def location(self) -> str:
        return str(current_build(self.base) / "oxigraph")

    def oxigraph(self) -> ox.Store:
        """The open store, opened again if a rebuild has swapped it since."""
        target = current_target(self.base)
        if self._store is None or target != self._target:
            self._store = open_read_only(self.base)
            self._target = target
        return self._store

    def query(
        self,
        sparql: str,
        select_format: str = "application/sparql-results+json",
        graph_format: str = "text/turtle",
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        row_limit: int | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        """Run one query (``timeout`` is not enforced here: see :mod:`jargraph.web.executor`)."""
        return run_query(self.oxigraph(), sparql, select_format=select_format,
                         graph_format=graph_format, default_graphs=default_graphs,
                         named_graphs=named_graphs, row_limit=row_limit,
                         prefixes=self.prefixes)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.oxigraph().named_graphs()
                      if isinstance(g, ox.NamedNode))

    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` when there is no build to open."""
        self.oxigraph()

    def prepare_load(self) -> None:
        """Nothing to check: the build's lock checks that the home can be written."""

    def load_build(self, folder: Path, progress: Progress | None = None) -> int:
        """Nothing to copy: this store serves the build published under its home."""
        return 0
