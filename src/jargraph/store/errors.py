"""What a store can fail with; each message says what went wrong and what to do."""

from __future__ import annotations


class StoreError(Exception):
    """A store could not do what was asked; the message says what and what to do."""


class QuerySyntaxError(StoreError):
    """The query does not parse; ``line`` and ``column`` are 1-based where known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


class QueryRefused(QuerySyntaxError):
    """The query passes a limit this server sets before parsing (nesting, length); the
    message names the limit and its value. A client's mistake, answered as a syntax
    error is."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened (no build yet, server down).

    ``public`` is the message for a web client: the same, less the server's own
    paths (a client can do nothing with them).
    """

    def __init__(self, message: str, public: str | None = None):
        super().__init__(message)
        self.public = public or message

    def __reduce__(self) -> tuple:
        return (type(self), (str(self), self.public))


