"""Store profiles: product → endpoint URLs, overrides, credentials — no store needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stdkg.stores.errors import SettingError
from stdkg.stores.profiles import Credentials, Endpoints, profile_urls, resolve


@pytest.mark.parametrize(
    ("store", "base", "expected"),
    [
        (
            "oxigraph",
            "http://h:7878/",
            ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ),
        (
            "virtuoso",
            "http://h:8890",
            ("http://h:8890/sparql", "http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth"),
        ),
        (
            "fuseki",
            "http://h:3030/stdkg",
            ("http://h:3030/stdkg/query", "http://h:3030/stdkg/update", "http://h:3030/stdkg/data"),
        ),
        (
            "graphdb",
            "http://h:7200/repositories/kg",
            (
                "http://h:7200/repositories/kg",
                "http://h:7200/repositories/kg/statements",
                "http://h:7200/repositories/kg/rdf-graphs/service",
            ),
        ),
    ],
)
def test_profiles(store: str, base: str, expected: tuple[str, str, str]) -> None:
    urls = profile_urls(store, base)
    assert (urls["query"], urls["update"], urls["gsp"]) == expected


def test_overrides_one_by_one_and_generic() -> None:
    ep = resolve("oxigraph", "http://h:1", update="http://other:2/up")
    assert (ep.query, ep.update, ep.gsp) == ("http://h:1/query", "http://other:2/up", "http://h:1/store")
    generic = resolve(query="http://q/sparql")
    assert (generic.store, generic.query, generic.update, generic.gsp) == (
        "generic",
        "http://q/sparql",
        None,
        None,
    )
    assert resolve("virtuoso", "http://h:8890").default_graph_writable is False
    assert resolve("oxigraph", "http://h:1").default_graph_writable is True


FLAGS = {
    "url": "--url",
    "store": "--store",
    "timeout": "--timeout",
    "query": "--query-endpoint",
    "update": "--update-endpoint",
    "gsp": "--gsp-endpoint",
    "user": "--user",
    "password_env": "--password-env",
}


@pytest.mark.parametrize(
    ("kwargs", "setting", "message", "flagged"),
    [
        (
            {"store": "graphdb", "url": "http://h:7200"},
            "url",
            "for GraphDB give the repository URL: url http://HOST:7200/repositories/REPO",
            "for GraphDB give the repository URL: --url http://HOST:7200/repositories/REPO",
        ),
        (
            {"store": "nope", "url": "http://h"},
            "store",
            "unknown store 'nope' (use one of: oxigraph, virtuoso, fuseki, graphdb, generic)",
            "unknown store 'nope' (use one of: oxigraph, virtuoso, fuseki, graphdb, generic)",
        ),
        ({"store": "oxigraph"}, "url", "store oxigraph needs url BASE", "--store oxigraph needs --url BASE"),
        (
            {"url": "http://h"},
            "store",
            "url needs store oxigraph|virtuoso|fuseki|graphdb (or give query/update/gsp)",
            "--url needs --store oxigraph|virtuoso|fuseki|graphdb "
            "(or give --query-endpoint/--update-endpoint/--gsp-endpoint)",
        ),
        (
            {"store": "oxigraph", "url": "ftp://h"},
            "url",
            "url: not an http(s) URL: ftp://h",
            "--url: not an http(s) URL: ftp://h",
        ),
        (
            {"store": "oxigraph", "url": "http://u:secret@h"},
            "url",
            "url: credentials inside the URL are not accepted; use user and password_env",
            "--url: credentials inside the URL are not accepted; use --user and --password-env",
        ),
        (
            {"store": "oxigraph", "url": "http://h", "timeout": 0},
            "timeout",
            "timeout must be positive",
            "--timeout must be positive",
        ),
        (
            {"query": "http://q/{x}", "update": "file:///{u}"},
            "update",
            "update: not an http(s) URL: file:///{u}",
            "--update-endpoint: not an http(s) URL: file:///{u}",
        ),
    ],
)
def test_bad_settings_name_the_setting(
    kwargs: dict[str, object], setting: str, message: str, flagged: str
) -> None:
    with pytest.raises(SettingError) as info:
        resolve(**kwargs)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert info.value.phrase(FLAGS) == flagged
    assert info.value.setting == setting
    assert "secret" not in str(info.value) and "secret" not in str(info.value.value)


def test_credentials_from_env_and_netrc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_STORE_PW", "s3cret-env")
    ep = resolve("virtuoso", "http://h:8890", user="writer", password_env="MY_STORE_PW")
    assert ep.credentials == Credentials("writer", "s3cret-env", "digest")
    assert "s3cret" not in repr(ep) and "s3cret" not in str(ep.credentials) and "s3cret" not in ep.describe()
    basic = resolve("fuseki", "http://h:3030/ds", user="writer", password_env="MY_STORE_PW")
    assert basic.credentials is not None and basic.credentials.scheme == "basic"

    rc = tmp_path / "netrc"
    rc.write_text("machine h login netuser password s3cret-netrc\n")
    rc.chmod(0o600)
    from_rc = resolve("oxigraph", "http://h:7878", netrc_file=str(rc))
    assert from_rc.credentials == Credentials("netuser", "s3cret-netrc", "basic")
    assert resolve("oxigraph", "http://other:7878", netrc_file=str(rc)).credentials is None

    with pytest.raises(SettingError) as info:
        resolve("oxigraph", "http://h", user="u", password_env="MISSING_VAR")
    assert (info.value.setting, info.value.value) == ("password_env", "MISSING_VAR")
    assert info.value.phrase(FLAGS) == "environment variable MISSING_VAR is not set (--password-env)"
    with pytest.raises(SettingError, match="no password for user 'u'"):
        resolve("oxigraph", "http://nohost", user="u", netrc_file=str(rc))
    with pytest.raises(SettingError) as info:
        resolve("oxigraph", "http://h", password_env="MY_STORE_PW")
    assert info.value.phrase(FLAGS) == "--password-env needs --user"


def test_endpoints_dataclass_defaults() -> None:
    assert Endpoints().urls() == {}
