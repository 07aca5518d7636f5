"""Errors a user can cause. The CLI turns each into one line on stderr and exit code 2.

Library code raises these and never prints; ``ValidationFailed`` is the one "the check found
problems" error (exit code 1).
"""

from __future__ import annotations

from pathlib import Path


class StdkgError(Exception):
    """Base class of every error stdkg reports to a user."""

    exit_code = 2


class InputError(StdkgError):
    """A missing or unreadable input, an unknown option value, an unknown name."""


class ParseError(StdkgError):
    """A syntax error in an RDF file or a SPARQL text, with its position."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col
        super().__init__(self.location_prefix() + message)

    def location_prefix(self) -> str:
        parts = [p for p in (self.path, self.line, self.col) if p is not None]
        return ":".join(str(p) for p in parts) + ": " if parts else ""


class QueryError(StdkgError):
    """A bad SPARQL query, an unknown named query or parameter, a bad parameter value."""


class StoreError(StdkgError):
    """A triple store or SPARQL endpoint that cannot be reached or refuses the request."""


class OutputError(StdkgError):
    """An output that cannot be written."""


class EngineUnavailable(RuntimeError):
    """A fast engine is not installed, does not support the request, or failed: use the reference.

    Not a :class:`StdkgError`: callers catch it and fall back; it never reaches a user.
    """


class ValidationFailed(StdkgError):
    """The data does not conform (the report has been produced; exit code 1)."""

    exit_code = 1
