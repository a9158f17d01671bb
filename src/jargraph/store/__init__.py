"""Where the graph lives: one interface, two kinds of store.

:func:`open_store` gives the store the settings name: the embedded Oxigraph
store of the current build under the home folder (the default), or a SPARQL
1.1 server reached over the standard protocols (``store`` setting). Callers
use the :class:`Store` interface and never ask which kind they have.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from ..progress import Progress
from ..settings import Settings
from .builds import (
    build_lock,
    current_build,
    current_dumps_path,
    current_store_path,
    current_target,
    home,
    new_build_folder,
    new_store_folder,
    publish,
)
from .embedded import EmbeddedStore, open_read_only, run_query
from .errors import QueryRefused, QuerySyntaxError, StoreError, StoreUnavailable
from .remote import RemoteStore, remote_store_from_url
from .results import QueryOutput, serialise_results
from .services import service_endpoints
from .syntax import check_limits, locate_syntax_error, syntax_error

__all__ = [
    "EmbeddedStore", "QueryOutput", "QueryRefused", "QuerySyntaxError", "RemoteStore", "Store",
    "StoreError", "StoreUnavailable", "build_lock", "check_limits", "current_build",
    "current_dumps_path", "current_store_path", "current_target", "home",
    "locate_syntax_error", "new_build_folder", "new_store_folder", "open_read_only",
    "open_store", "publish", "remote_store_from_url", "run_query", "serialise_results",
    "service_endpoints", "syntax_error",
]


class Store(Protocol):
    """What every store does for jargraph."""

    @property
    def location(self) -> str:
        """Where the store is, fit to print (a folder, or a URL without its password)."""
        ...

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
        """One query's answer serialised in the asked format (SELECT and ASK in
        ``select_format``, CONSTRUCT and DESCRIBE in ``graph_format``), cut at
        ``row_limit`` rows. Raises QuerySyntaxError, StoreUnavailable or StoreError."""
        ...

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        ...

    def ping(self) -> None:
        """Raise StoreUnavailable (with what to do) unless the store can answer."""
        ...

    def prepare_load(self) -> None:
        """Check, before a build starts, that the store can take its graphs."""
        ...

    def load_build(self, folder: Path, progress: Progress | None = None) -> int:
        """Take the graphs of a finished build folder; returns how many were written
        (shown as they go on ``progress``)."""
        ...


def open_store(settings: Settings, prefixes: dict[str, str] | None = None) -> Store:
    """The store the settings name: a SPARQL server when ``store`` is set, else the
    embedded store under ``home``. ``prefixes`` are declared for every query run on
    the embedded store (a server is sent the query as written)."""
    if settings.store:
        return remote_store_from_url(
            settings.store, user=settings.store_user, password=settings.store_password,
            update_url=settings.store_update_url, gsp_url=settings.store_gsp_url,
            prefixes=prefixes)
    return EmbeddedStore(settings.home, prefixes)
