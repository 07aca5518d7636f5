"""Store profiles: which SPARQL query, update and Graph Store URLs a product uses, and how
to authenticate.

``resolve("virtuoso", "http://127.0.0.1:8890")`` gives the three endpoint URLs of a Virtuoso
server; explicit ``query``/``update``/``gsp`` URLs override the profile one by one. Credentials come
from an environment variable or ``~/.netrc`` and are kept out of ``repr`` and every message.
"""

from __future__ import annotations

import netrc
import os
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..errors import InputError
from .errors import SettingError, lit

StoreKind = Literal["oxigraph", "virtuoso", "fuseki", "graphdb", "generic"]
AuthScheme = Literal["basic", "digest"]

STORE_KINDS: tuple[str, ...] = ("oxigraph", "virtuoso", "fuseki", "graphdb", "generic")
AUTH_SCHEMES: tuple[str, ...] = ("basic", "digest")

#: Products whose store lets a client write the default graph over HTTP.
_DEFAULT_GRAPH_WRITABLE = {"oxigraph": True, "virtuoso": False, "fuseki": True, "graphdb": True}
#: The authentication scheme each product expects when credentials are given.
_DEFAULT_AUTH: dict[str, AuthScheme] = {"virtuoso": "digest"}

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Credentials:
    """A user name and password; the password never shows in ``repr`` or ``str``."""

    user: str
    password: str = field(repr=False)
    scheme: AuthScheme = "basic"

    def __str__(self) -> str:
        return f"{self.user} ({self.scheme})"


@dataclass(frozen=True)
class Endpoints:
    """The SPARQL endpoints of one store, plus how to talk to it."""

    store: str = "generic"
    query: str | None = None
    update: str | None = None
    gsp: str | None = None
    credentials: Credentials | None = None
    timeout: float = DEFAULT_TIMEOUT

    @property
    def default_graph_writable(self) -> bool:
        return _DEFAULT_GRAPH_WRITABLE.get(self.store, True)

    def describe(self) -> str:
        """One line naming the store and its URLs (never the password)."""
        parts = [f"{name} {url}" for name, url in self.urls().items()]
        return f"{self.store}: " + ", ".join(parts) if parts else self.store

    def urls(self) -> dict[str, str]:
        found = {"query": self.query, "update": self.update, "gsp": self.gsp}
        return {k: v for k, v in found.items() if v}


def profile_urls(store: str, base: str) -> dict[str, str]:
    """The query/update/gsp URLs a product serves under ``base``."""
    base = base.rstrip("/")
    if store == "oxigraph":
        return {"query": f"{base}/query", "update": f"{base}/update", "gsp": f"{base}/store"}
    if store == "virtuoso":
        return {
            "query": f"{base}/sparql",
            "update": f"{base}/sparql-auth",
            "gsp": f"{base}/sparql-graph-crud-auth",
        }
    if store == "fuseki":
        # BASE is the dataset URL, e.g. http://localhost:3030/stdkg
        return {"query": f"{base}/query", "update": f"{base}/update", "gsp": f"{base}/data"}
    if store == "graphdb":
        # BASE is the repository URL, e.g. http://localhost:7200/repositories/stdkg
        if "/repositories/" not in base + "/":
            raise SettingError(
                "url", "for GraphDB give the repository URL: {url} http://HOST:7200/repositories/REPO", base
            )
        return {
            "query": base,
            "update": f"{base}/statements",
            "gsp": f"{base}/rdf-graphs/service",
        }
    if store == "generic":
        return {}
    raise _unknown_store(store)


def _unknown_store(store: str | None) -> SettingError:
    return SettingError(
        "store", lit(f"unknown store {store!r} (use one of: {', '.join(STORE_KINDS)})"), store
    )


def _check_url(url: str, setting: str) -> str:
    """``url`` if it is an http(s) URL without credentials; ``setting`` names the one that gave it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingError(setting, f"{{{setting}}}: not an http(s) URL: {lit(_redact(url))}", _redact(url))
    if parts.username or parts.password:
        raise SettingError(
            setting,
            f"{{{setting}}}: credentials inside the URL are not accepted; use {{user}} and {{password_env}}",
            _redact(url),
        )
    return url


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.username or parts.password:
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        return parts._replace(netloc="***@" + netloc).geturl()
    return url


def credentials(
    *,
    user: str | None,
    password_env: str | None,
    auth: str | None,
    store: str,
    hosts: list[str],
    netrc_file: str | None = None,
) -> Credentials | None:
    """Credentials: the password from the environment variable ``password_env``, else from
    ``~/.netrc`` (matched by host); ``None`` if there are none."""
    scheme = auth or _DEFAULT_AUTH.get(store, "basic")
    if scheme not in AUTH_SCHEMES:
        raise SettingError("auth", lit(f"unknown auth scheme {auth!r} (use basic or digest)"), auth)
    password: str | None = None
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise SettingError(
                "password_env",
                f"environment variable {lit(password_env)} is not set ({{password_env}})",
                password_env,
            )
        if not user:
            raise SettingError("user", "{password_env} needs {user}")
    else:
        found = _from_netrc(hosts, netrc_file)
        if found:
            login, pw = found
            if user is None or user == login:
                user, password = login, pw
    if user and password is None:
        raise SettingError(
            "password_env",
            lit(f"no password for user {user!r}: set ") + "{password_env} VAR or add the host to ~/.netrc",
        )
    if not user or password is None:
        return None
    return Credentials(user, password, scheme)  # type: ignore[arg-type]


def _from_netrc(hosts: list[str], netrc_file: str | None) -> tuple[str, str] | None:
    path = netrc_file or os.environ.get("NETRC") or os.path.expanduser("~/.netrc")
    if not os.path.isfile(path):
        return None
    try:
        rc = netrc.netrc(path)
    except (netrc.NetrcParseError, OSError) as exc:
        raise InputError(f"cannot read {path}: {getattr(exc, 'msg', exc)}") from None
    for host in hosts:
        entry = rc.authenticators(host)
        if entry and entry[0] and entry[2] is not None:
            return entry[0], entry[2]
    return None


def resolve(
    store: str | None = None,
    url: str | None = None,
    *,
    query: str | None = None,
    update: str | None = None,
    gsp: str | None = None,
    user: str | None = None,
    password_env: str | None = None,
    auth: str | None = None,
    timeout: float | None = None,
    netrc_file: str | None = None,
) -> Endpoints:
    """Endpoint URLs from a product profile and a base URL, overridden one by one."""
    kind = (store or "generic").lower()
    if kind not in STORE_KINDS:
        raise _unknown_store(store)
    if url and kind == "generic":
        raise SettingError(
            "store", "{url} needs {store} oxigraph|virtuoso|fuseki|graphdb (or give {query}/{update}/{gsp})"
        )
    urls = profile_urls(kind, _check_url(url, "url")) if url else {}
    if store and store != "generic" and not url and not (query or update or gsp):
        raise SettingError("url", f"{{store}} {kind} needs {{url}} BASE")
    for name, value in (("query", query), ("update", update), ("gsp", gsp)):
        if value:
            urls[name] = _check_url(value, name)
    if timeout is not None and timeout <= 0:
        raise SettingError("timeout", "{timeout} must be positive", str(timeout))
    hosts = sorted({urlsplit(u).hostname or "" for u in urls.values()} - {""})
    creds = credentials(
        user=user,
        password_env=password_env,
        auth=auth,
        store=kind,
        hosts=hosts,
        netrc_file=netrc_file,
    )
    return Endpoints(
        store=kind,
        query=urls.get("query"),
        update=urls.get("update"),
        gsp=urls.get("gsp"),
        credentials=creds,
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
    )


__all__ = [
    "AUTH_SCHEMES",
    "DEFAULT_TIMEOUT",
    "STORE_KINDS",
    "Credentials",
    "Endpoints",
    "credentials",
    "profile_urls",
    "resolve",
]
