"""Full-text search over every text of the graph, with facets.

The build writes an SQLite FTS5 index beside the store (:mod:`.index`), from
entries read out of the store (:mod:`.collect`); the site, the API and
``jargraph search`` read it (:mod:`.lookup`), after turning what a person
typed into a safe FTS5 expression (:mod:`.words`).
"""

from __future__ import annotations

from .collect import FACETS, Entry, read_entries
from .index import (
    INDEX_FILE,
    IndexMissing,
    build_index,
    current_index_path,
    index_path,
    open_index,
    write_index,
)
from .lookup import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    Facet,
    FacetValue,
    Hit,
    Results,
    Search,
    SearchTimeout,
    search,
)
from .words import SearchSyntaxError, parse

__all__ = [
    "FACETS", "INDEX_FILE", "MAX_PAGE_SIZE", "PAGE_SIZE", "Entry", "Facet", "FacetValue", "Hit",
    "IndexMissing", "Results", "Search", "SearchSyntaxError", "SearchTimeout", "build_index",
    "current_index_path", "index_path", "open_index", "parse", "read_entries", "search",
    "write_index",
]
