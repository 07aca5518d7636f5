"""`stdkg linkcheck`: a site that does not answer, and the base read from the site's own VoID."""

from __future__ import annotations

import http.server

import pytest

from stdkg.cli import cli
from stdkg.kg import load
from stdkg.publish.linkcheck import SiteUnreachable, check_site, render_report
from tests.publish_support import FIXTURE, free_port, running_server
from tests.servers import serve_handler


def test_no_site_is_one_line_and_exit_2(runner) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    result = runner.invoke(cli, ["--kg", str(FIXTURE), "linkcheck", url])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"stdkg: error: linkcheck: no site answers at {url} ("), lines[0]


def test_no_site_raises_before_any_iri_is_tried() -> None:
    url = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(SiteUnreachable) as caught:
        check_site(load([FIXTURE]), url, base_uri=url)
    assert caught.value.url == url


class _VoidOnly(http.server.BaseHTTPRequestHandler):
    """A site that only describes itself: /.well-known/void → 303 → void.ttl with a uriSpace."""

    def do_GET(self) -> None:
        if self.path == "/.well-known/void":
            self.send_response(303)
            self.send_header("Location", "/void.ttl")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/void.ttl":
            body = (
                b"@prefix void: <http://rdfs.org/ns/void#> .\n"
                b'<http://example.test/site/void#dataset> void:uriSpace "http://example.test/site/id/" .\n'
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_base_comes_from_the_sites_void() -> None:
    with serve_handler(_VoidOnly) as url:
        report = check_site(load([FIXTURE]), url + "/", jobs=2)
        given = check_site(load([FIXTURE]), url + "/", base_uri="http://other.test/", jobs=2)
    assert report.base == "http://example.test/site/"
    assert report.base_from == "VoID"
    assert "from its VoID" in render_report(report)
    assert given.base == "http://other.test/" and given.base_from == "given"


@pytest.mark.integration
def test_linkcheck_of_a_rebased_site_needs_no_base(runner) -> None:  # type: ignore[no-untyped-def]
    with running_server(kg=[str(FIXTURE)]) as server:
        result = runner.invoke(cli, ["--kg", str(FIXTURE), "linkcheck", server.url])
    assert result.exit_code == 0, result.output
    assert f"(base {server.url} from its VoID)" in result.output
    assert result.output.rstrip().endswith("— ok")
