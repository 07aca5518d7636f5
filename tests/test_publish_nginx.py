"""The static site behind a real nginx with the generated rules: 303 content negotiation and linkcheck."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator

import httpx
import pytest

from stdkg.kg import load
from stdkg.publish.linkcheck import check_site, render_report
from stdkg.publish.static import publish
from tests.conftest import require_tool
from tests.publish_support import CONNEG_CASES, FIXTURE, free_port, web_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if nginx is None:
        nginx = require_tool("nginx", "the static-site rules are checked behind a real nginx")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = work / "site"
    publish(load([FIXTURE]), site, base_uri=url, workers=1)
    rules = (site / "nginx.conf").read_text(encoding="utf-8")
    http_part, server_part = rules.split("# == part 2: server {} block ==", 1)
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for d in temp.values():
        d.mkdir()
    user = "user root root;\n" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(
        f"""{user}worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{http_part}
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        root {site};
{server_part}
    }}
}}
""",
        encoding="utf-8",
    )
    with web_server([nginx, "-c", str(conf), "-p", str(work)], url, work / "error.log", signal.SIGQUIT):
        yield url


@pytest.mark.parametrize(("accept", "suffix", "media"), CONNEG_CASES)
def test_nginx_rules_negotiate(nginx_site: str, accept: str, suffix: str, media: str) -> None:
    r = httpx.get(nginx_site + "id/org/iso", headers={"Accept": accept}, follow_redirects=False)
    assert r.status_code == 303
    assert "accept" in r.headers.get("vary", "").lower()
    assert r.headers["location"] == f"{nginx_site}id/org/iso.{suffix}"
    d = httpx.get(r.headers["location"])
    assert d.status_code == 200
    assert d.headers["content-type"].split(";")[0] == media


def test_nginx_well_known_void(nginx_site: str) -> None:
    r = httpx.get(nginx_site + ".well-known/void", headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == nginx_site + "void.ttl"
    assert httpx.get(r.headers["location"]).headers["content-type"].startswith("text/turtle")


def test_static_site_behind_nginx_passes_linkcheck(nginx_site: str) -> None:
    report = check_site(load([FIXTURE]), nginx_site, base_uri=nginx_site, jobs=4)
    assert report.ok, render_report(report)
    assert report.links > 50


def test_static_site_behind_nginx_needs_no_base_for_linkcheck(nginx_site: str) -> None:
    report = check_site(load([FIXTURE]), nginx_site, jobs=4)  # the base comes from the site's VoID
    assert report.base == nginx_site and report.base_from == "VoID"
    assert report.ok, render_report(report)


def test_nginx_answers_a_missing_page_with_the_sites_404(nginx_site: str) -> None:
    r = httpx.get(nginx_site + "id/no/such/thing.html")
    assert r.status_code == 404
    assert "<h1>Not found</h1>" in r.text and 'href="/style.css"' in r.text
