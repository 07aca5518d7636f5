"""The static site behind a real Apache httpd with the generated .htaccess: 303 negotiation and linkcheck."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from stdkg.kg import load
from stdkg.publish.linkcheck import check_site, render_report
from stdkg.publish.static import publish
from tests.conftest import require_tool
from tests.publish_support import CONNEG_CASES, FIXTURE, free_port, web_server

pytestmark = pytest.mark.integration

MODULES = Path("/usr/lib/apache2/modules")


@pytest.fixture(scope="module")
def apache_site() -> Iterator[str]:
    apache = shutil.which("apache2") or (
        "/usr/sbin/apache2" if os.access("/usr/sbin/apache2", os.X_OK) else None
    )
    if apache is None:
        apache = require_tool("apache2", "the .htaccess rules are checked behind a real Apache httpd")
    # Apache workers run as an unprivileged user: the site must be world-readable (not under pytest's 0700 tmp)
    work = Path(tempfile.mkdtemp(prefix="stdkg-apache-"))
    os.chmod(work, 0o755)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = work / "site"
    publish(load([FIXTURE]), site, base_uri=url, workers=1)
    for root, dirs, files in os.walk(site):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
    conf = work / "httpd.conf"
    modules = ["mpm_event", "authz_core", "mime", "dir", "rewrite", "headers"]
    conf.write_text(
        f"ServerRoot {work}\nListen 127.0.0.1:{port}\n"
        + "".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so\n" for m in modules)
        + f"PidFile {work}/httpd.pid\nErrorLog {work}/error.log\nServerName 127.0.0.1\nTypesConfig /dev/null\n"
        + user
        + f"DocumentRoot {site}\n<Directory {site}>\n  AllowOverride All\n  Require all granted\n</Directory>\n",
        encoding="utf-8",
    )
    try:
        with web_server([apache, "-f", str(conf), "-DFOREGROUND"], url, work / "error.log", signal.SIGTERM):
            yield url
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize(("accept", "suffix", "media"), CONNEG_CASES)
def test_apache_rules_negotiate(apache_site: str, accept: str, suffix: str, media: str) -> None:
    r = httpx.get(apache_site + "id/person/sung-hwan-cho", headers={"Accept": accept}, follow_redirects=False)
    assert r.status_code == 303
    assert "accept" in r.headers.get("vary", "").lower()
    assert r.headers["location"] == f"{apache_site}id/person/sung-hwan-cho.{suffix}"
    d = httpx.get(r.headers["location"])
    assert d.status_code == 200
    assert d.headers["content-type"].split(";")[0] == media


def test_apache_well_known_void(apache_site: str) -> None:
    r = httpx.get(apache_site + ".well-known/void", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == apache_site + "void.ttl"


def test_static_site_behind_apache_passes_linkcheck(apache_site: str) -> None:
    report = check_site(load([FIXTURE]), apache_site, base_uri=apache_site, jobs=4)
    assert report.ok, render_report(report)
    assert report.links > 50


def test_apache_answers_a_missing_page_with_the_sites_404(apache_site: str) -> None:
    r = httpx.get(apache_site + "id/no/such/thing.html")
    assert r.status_code == 404
    assert "<h1>Not found</h1>" in r.text
