"""What can go wrong talking to a triple store, as errors with structured fields.

Each error keeps what it is about (the URL, the HTTP status, the setting at fault…) as attributes,
and its wording as a template whose ``{placeholders}`` name settings: ``{timeout}``, ``{user}``,
``{password_env}``, ``{url}``, ``{store}``, ``{query}``, ``{update}``, ``{gsp}``, ``{protocol}``,
``{batch}``, ``{graph}``, ``{format}``. ``str(error)`` names them as the library's keyword arguments
(``timeout``); :meth:`Worded.phrase` names them as a caller chooses (the command line: ``--timeout``).

The same wording serves every path to a store: the Graph Store and Update requests made here and
the SPARQL queries sent through SPARQLWrapper (:func:`unreachable`, :func:`http_failure`…).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ..errors import InputError, StoreError

#: How the library names each setting in a message (its keyword argument).
SETTINGS: tuple[str, ...] = (
    "store",
    "url",
    "query",
    "update",
    "gsp",
    "user",
    "password_env",
    "auth",
    "timeout",
    "protocol",
    "batch",
    "graph",
    "format",
)


class _Names(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return key


def lit(value: object) -> str:
    """A value placed into a message template as it is (its braces escaped)."""
    return str(value).replace("{", "{{").replace("}", "}}")


def short_url(url: str) -> str:
    """A URL without its query string and without any credentials: what a message shows."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


class Worded:
    """A message template naming settings (see the module docstring)."""

    template: str = ""

    def phrase(self, names: Mapping[str, str] | None = None) -> str:
        """The message with each ``{setting}`` named from ``names`` (default: the setting's key)."""
        return self.template.format_map(_Names(names or {}))

    def __str__(self) -> str:
        return self.phrase()


class SettingError(Worded, InputError):
    """A store setting that is missing, malformed or at odds with another one.

    ``setting`` is the one at fault (a key of :data:`SETTINGS`), ``value`` what was given (never a
    password; URLs without credentials).
    """

    def __init__(self, setting: str, template: str, value: str | None = None) -> None:
        self.setting = setting
        self.value = value
        self.template = template
        super().__init__(self.phrase())


class StoreProblem(Worded, StoreError):
    """A store that cannot be reached, does not answer, or refuses a request; ``url`` is where."""

    def __init__(self, url: str, template: str) -> None:
        self.url = short_url(url)
        self.template = template
        super().__init__(self.phrase())


class Unreachable(StoreProblem):
    """No connection could be made (``reason``: ``connection refused``, ``unknown host``…)."""

    def __init__(self, url: str, reason: str) -> None:
        self.reason = reason
        super().__init__(url, f"cannot reach {lit(short_url(url))}: {lit(reason)}")


class NoAnswer(StoreProblem):
    """The request was sent but no answer came within ``seconds``."""

    def __init__(self, url: str, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(url, f"{lit(short_url(url))} did not answer within {seconds:g} s ({{timeout}})")


class ConnectionBroken(StoreProblem):
    """The connection broke after the request was (perhaps partly) sent."""

    def __init__(self, url: str, reason: str) -> None:
        self.reason = reason
        super().__init__(url, f"connection to {lit(short_url(url))} broken: {lit(reason)}")


class HTTPFailure(StoreProblem):
    """The store answered with an HTTP error status; ``detail`` is the start of its message."""

    def __init__(self, method: str, url: str, status: int, detail: str = "") -> None:
        self.method = method
        self.status = status
        self.detail = detail
        text = f"{method} {short_url(url)} failed: HTTP {status} {detail}".rstrip()
        super().__init__(url, lit(text))


class AuthenticationFailed(StoreProblem):
    """The store refused the credentials (or wants some): HTTP 401 or 403."""

    def __init__(
        self, url: str, status: int, *, user: str | None, scheme: str | None = None, detail: str = ""
    ) -> None:
        self.status = status
        self.user = user
        self.scheme = scheme
        where = lit(short_url(url))
        if status == 403:
            who = f"user {user!r}" if user else "anonymous access"
            text = f"{where}: {lit(who)} is not allowed to do this (HTTP 403) {lit(detail)}".rstrip()
        elif user is None:
            text = f"{where} needs credentials: give {{user}} and {{password_env}} VAR (HTTP {status})"
        else:
            text = f"{where} refused the credentials of user {lit(repr(user))} ({scheme} auth, HTTP {status})"
        super().__init__(url, text)


class BadAnswer(StoreProblem):
    """The store answered, but not with something readable (``what`` says how)."""

    def __init__(self, url: str, what: str) -> None:
        self.what = what
        super().__init__(url, f"{lit(short_url(url))} {lit(what)}")


class GraphAbsent(StoreProblem):
    """The store does not have the graph asked for (``graph``: how it reads, ``<IRI>``)."""

    def __init__(self, url: str, graph: str) -> None:
        self.graph = graph
        super().__init__(url, f"{lit(graph)} is not in the store")


class LoadFailed(Worded, StoreError):
    """A load that stopped: ``cause`` is the error that stopped it; the template (``{cause}`` in it)
    also says what the store was found to hold afterwards (``held``: graph → triples, ``None`` when
    it could not be counted)."""

    def __init__(
        self, template: str, *, cause: StoreError, held: Mapping[str | None, int | None] | None = None
    ) -> None:
        self.cause = cause
        self.held = dict(held or {})
        self.template = template
        super().__init__(self.phrase())

    def phrase(self, names: Mapping[str, str] | None = None) -> str:
        found = _Names(names or {})
        found["cause"] = self.cause.phrase(names) if isinstance(self.cause, Worded) else str(self.cause)
        return self.template.format_map(found)

    def also(self, state: str) -> LoadFailed:
        """The same failure, saying one more thing found in the store (``state``, plain text)."""
        return LoadFailed(f"{self.template}; {lit(state)}", cause=self.cause, held=self.held)


class LoadMismatch(Worded, StoreError):
    """The store holds a different number of triples than were sent (exit code 1)."""

    exit_code = 1

    def __init__(self, graph: str | None, sent: int, held: int, template: str) -> None:
        self.graph = graph
        self.sent = sent
        self.held = held
        self.template = template
        super().__init__(self.phrase())


__all__ = [
    "SETTINGS",
    "AuthenticationFailed",
    "BadAnswer",
    "ConnectionBroken",
    "GraphAbsent",
    "HTTPFailure",
    "LoadFailed",
    "LoadMismatch",
    "NoAnswer",
    "SettingError",
    "StoreProblem",
    "Unreachable",
    "Worded",
    "lit",
    "short_url",
]
