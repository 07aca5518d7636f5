"""``endpoint_options``: the shared ``--store/--url/...`` options of every command that talks to a store.

The decorated command receives one keyword argument ``endpoints`` (a
:class:`stdkg.stores.profiles.Endpoints`, or ``None`` when no endpoint option was given) instead of
the individual options. Store errors raised while it runs name settings by the flags that give
them (:data:`FLAGS`): the library writes ``timeout``, the command line ``--timeout``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ..errors import StdkgError

if TYPE_CHECKING:
    from ..stores.profiles import Endpoints

F = TypeVar("F", bound=Callable[..., Any])

STORE_CHOICES = ("oxigraph", "virtuoso", "fuseki", "graphdb", "generic")

_OPTIONS: list[Callable[[Any], Any]] = [
    click.option(
        "--store",
        "ep_store",
        type=click.Choice(STORE_CHOICES, case_sensitive=False),
        default=None,
        help="The triple store product: fills in its endpoint URLs under --url.",
    ),
    click.option(
        "--url",
        "ep_url",
        metavar="BASE",
        default=None,
        help="Base URL of the store (Fuseki: the dataset URL; GraphDB: .../repositories/REPO).",
    ),
    click.option("--query-endpoint", "ep_query", metavar="URL", default=None, help="SPARQL query URL."),
    click.option("--update-endpoint", "ep_update", metavar="URL", default=None, help="SPARQL Update URL."),
    click.option("--gsp-endpoint", "ep_gsp", metavar="URL", default=None, help="Graph Store Protocol URL."),
    click.option("--user", "ep_user", metavar="USER", default=None, help="User name for the store."),
    click.option(
        "--password-env",
        "ep_password_env",
        metavar="VAR",
        default=None,
        help="Environment variable holding the password (else ~/.netrc is used).",
    ),
    click.option(
        "--auth",
        "ep_auth",
        type=click.Choice(["basic", "digest"], case_sensitive=False),
        default=None,
        help="HTTP authentication scheme (default: digest for Virtuoso, basic otherwise).",
    ),
    click.option(
        "--timeout",
        "ep_timeout",
        type=float,
        default=None,
        metavar="S",
        help="Seconds to connect and to answer a query (default 30); writes may take 10x (at least 300).",
    ),
]

#: The flag that gives each store setting (see :mod:`stdkg.stores.errors`).
FLAGS = {
    "store": "--store",
    "url": "--url",
    "query": "--query-endpoint",
    "update": "--update-endpoint",
    "gsp": "--gsp-endpoint",
    "user": "--user",
    "password_env": "--password-env",
    "auth": "--auth",
    "timeout": "--timeout",
    "protocol": "--protocol",
    "batch": "--batch",
    "graph": "--graph",
    "format": "--format",
}


class _Phrased(StdkgError):
    """A library error reworded with flag names; same exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def flag_names(flags: dict[str, str] = FLAGS) -> Iterator[None]:
    """Reword store errors raised inside with the flags of the command line."""
    try:
        yield
    except StdkgError as exc:
        phrase = getattr(exc, "phrase", None)
        if not callable(phrase):
            raise
        raise _Phrased(str(phrase(flags)), exc.exit_code) from None


_KEYS = (
    "ep_store",
    "ep_url",
    "ep_query",
    "ep_update",
    "ep_gsp",
    "ep_user",
    "ep_password_env",
    "ep_auth",
    "ep_timeout",
)


def make_endpoint_options(
    *, writes: bool = True, timeout: bool = True, query_alias: str | None = None
) -> Callable[[F], F]:
    """A decorator adding the endpoint options; the command receives ``endpoints=Endpoints | None``.

    ``writes=False`` leaves out ``--update-endpoint``/``--gsp-endpoint`` (read-only commands);
    ``timeout=False`` leaves out ``--timeout`` (for a command that has its own);
    ``query_alias`` names an existing option of the command (e.g. ``endpoint``) that also gives
    the query URL; the command still receives it.
    """
    skip = set()
    if not writes:
        skip |= {"ep_update", "ep_gsp"}
    if not timeout:
        skip.add("ep_timeout")
    chosen = [(key, opt) for key, opt in zip(_KEYS, _OPTIONS, strict=True) if key not in skip]

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values: dict[str, Any] = {key: kwargs.pop(key, None) for key in _KEYS}
            if query_alias and kwargs.get(query_alias):
                if values["ep_query"]:
                    raise click.UsageError(f"give --{query_alias} or --query-endpoint, not both")
                values["ep_query"] = kwargs[query_alias]
            flags = FLAGS | ({"query": f"--{query_alias}"} if query_alias else {})
            with flag_names(flags):
                kwargs["endpoints"] = resolve_options(values)
                return func(*args, **kwargs)

        decorated: Any = wrapper
        for _, option in reversed(chosen):
            decorated = option(decorated)
        return cast(F, decorated)

    return decorate


#: ``--store --url --query-endpoint --update-endpoint --gsp-endpoint --user --password-env --auth --timeout``
endpoint_options = make_endpoint_options()


def resolve_options(values: dict[str, Any]) -> Endpoints | None:
    """The :class:`~stdkg.stores.profiles.Endpoints` the options describe, or ``None`` if none were given."""
    given = {k: v for k, v in values.items() if v is not None}
    if not given.keys() & {"ep_store", "ep_url", "ep_query", "ep_update", "ep_gsp"}:
        return None
    from ..stores.profiles import resolve

    return resolve(
        values["ep_store"],
        values["ep_url"],
        query=values["ep_query"],
        update=values["ep_update"],
        gsp=values["ep_gsp"],
        user=values["ep_user"],
        password_env=values["ep_password_env"],
        auth=values["ep_auth"],
        timeout=values["ep_timeout"],
    )
