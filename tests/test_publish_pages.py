"""What the HTML pages say first: key facts, folded provenance, inverse links, badges, the picture."""

from __future__ import annotations

import re
from html import unescape

import pytest

from stdkg.publish.diagram import COL_W, NARROW_W, PAD_X, SIZE, SMALL, gather, narrow_svg, wide_svg
from stdkg.publish.site import Site
from stdkg.publish.static import publish
from stdkg.publish.svgtext import text_width, wrap

BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def site(bundled_kg) -> Site:  # type: ignore[no-untyped-def]
    return Site(bundled_kg, BASE)


def page(site: Site, path: str) -> str:
    doc = site.document(path)
    assert doc is not None, path
    return doc.body.decode("utf-8")


def text(html: str) -> str:
    """The visible words of a page's <main>, tags removed, white space folded."""
    main = html[html.index("<main>") : html.index("</main>")] if "<main>" in html else html
    main = re.sub(r"<(script|svg)\b.*?</\1>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_statement_leads_with_its_commitments_issuers_date_and_place(site: Site) -> None:
    html = page(site, "id/statement/seoul-statement-2025.html")
    facts = text(section(html, '<dl class="facts">', "</dl>"))
    for words in (
        "Actively incorporate socio-technical dimensions in standards development.",
        "Enhance public-private collaboration on AI capacity building.",
        "Issued by International Electrotechnical Commission",
        "International Organization for Standardization",
        "When 2025-12-02",
        "Where Seoul , at International AI Standards Summit 2025",
    ):
        assert words in facts, words
    # the facts come first, the provenance after them and folded
    assert (
        html.index('<dl class="facts">')
        < html.index("<h2>Provenance</h2>")
        < html.index("<h2>All statements")
    )
    assert "<details" in section(html, "<h2>Provenance</h2>", "<h2>All statements")
    assert '<details class="evidence-item" open' not in html


def test_quotation_membership_body_and_person_facts(site: Site) -> None:
    quote = text(page(site, "id/quotation/prnewswire-302629226-cho.html"))
    assert "Words AI has the potential to bring profound benefits" in quote
    assert "Said by Sung Hwan Cho In the capacity of President of ISO" in quote
    term = text(page(site, "id/membership/jo-cops-iec-president.html"))
    assert "Term from 2023, in office on 2 December 2025" in term
    iso = text(page(site, "id/org/iso.html"))
    assert (
        "Officers President of ISO : Sung Hwan Cho (from January 2024, in office on 2 December 2025)" in iso
    )
    assert "Statements issued Seoul Statement on Artificial Intelligence (AI)" in iso
    itu = text(page(site, "id/org/itu.html"))
    assert (
        "Units ITU Telecommunication Standardization Bureau , ITU Telecommunication Standardization Sector"
        in itu
    )
    assert "Seizo Onoe (from 1 January 2023" in itu
    tsb = text(page(site, "id/org/tsb.html"))
    assert (
        "Part of ITU Telecommunication Standardization Sector , International Telecommunication Union" in tsb
    )
    person = text(page(site, "id/person/sung-hwan-cho.html"))
    assert (
        "Posts President of ISO : International Organization for Standardization (from January 2024" in person
    )


def test_inverse_links_read_as_phrases(site: Site) -> None:
    pages = [page(site, f"{p}.html") for p in site.pages]
    for html in pages:
        words = text(html[html.index("<h2>Referenced by") :]) if "<h2>Referenced by" in html else ""
        for bad in (" of of", "unit of of", "is part of of", "has member of", "post in of"):
            assert bad not in words, (bad, words[:200])
    itu = section(page(site, "id/org/itu.html"), "<h2>Referenced by", "</table>")
    assert ">has unit</a>" in itu  # TSB org:unitOf ITU, read from ITU: the inverse's label
    tsb = section(page(site, "id/org/tsb.html"), "<h2>Referenced by", "</table>")
    assert ">unit of</a>" in tsb  # ITU org:hasUnit TSB, read from TSB: the inverse's label
    commitment = section(
        page(site, "id/statement/seoul-statement-2025.html"), "<h2>Referenced by", "</table>"
    )
    assert ">has part</a>" in commitment  # schema:isPartOf from the commitments: schema:hasPart's label
    post = section(page(site, "id/post/iso-president.html"), "<h2>Referenced by", "</table>")
    assert ">held through</a>" in post  # no inverse in the ontology: a worded phrase


def test_type_badges_and_names_are_not_repeated(site: Site) -> None:
    for path in site.pages:
        html = page(site, f"{path}.html")
        badges = re.findall(r'<span class="type">(.*?)</span>', html)
        names = [unescape(re.sub(r"<[^>]+>", "", b)).strip().lower() for b in badges]
        assert len(names) == len(set(names)), (path, names)
    person = page(site, "id/person/sung-hwan-cho.html")
    assert len(re.findall(r'<span class="type">', person)) == 1  # foaf:Person and schema:Person: one badge


def test_urls_are_links(site: Site) -> None:
    source = page(site, "id/source/prnewswire-302629226.html")
    facts = section(source, '<dl class="facts">', "</dl>")
    assert '<a class="ext url" href="https://www.prnewswire.co.uk/' in facts
    iso = page(site, "id/org/iso.html")
    assert '<a class="ext url" href="https://www.iso.org/">https://www.iso.org/</a>' in iso


def test_diagram_text_fits_its_boxes_with_full_titles(site: Site) -> None:
    pic = gather(site)
    assert pic is not None
    wide = wide_svg(site, pic, "")
    for col, boxes in enumerate(pic.columns):
        for b in boxes:
            assert f"<title>{b.title}</title>" in wide.replace("&#39;", "'"), b.title
            for line in b.lines:
                assert text_width(line, SIZE, b.bold) <= COL_W[col] - 2 * PAD_X, line
            for line in b.sub_lines:
                assert text_width(line, SMALL) <= COL_W[col] - 2 * PAD_X, line
    narrow = narrow_svg(site, pic, "")
    assert 'viewBox="0 0 360 ' in narrow
    for boxes in pic.columns:
        for b in boxes:
            assert b.x + b.w <= NARROW_W - 10 + 0.01
            assert all(text_width(line, SIZE, b.bold) <= b.w - 2 * PAD_X for line in b.lines)
            assert "…" not in "".join(b.lines)  # nothing cut on a phone: the boxes grow instead


def test_people_lines_do_not_cross(site: Site) -> None:
    pic = gather(site)
    assert pic is not None
    wide_svg(site, pic, "")
    y = {b.iri: b.y for b in [*pic.people, *pic.bodies]}
    pairs = sorted((y[p], y[b]) for p, b in pic.holds)
    assert [b for _, b in pairs] == sorted(b for _, b in pairs), pairs


def test_wrap() -> None:
    assert wrap("a b c", 1000, 13) == ("a b c",)
    lines = wrap("word " * 40, 100, 13)
    assert len(lines) > 1 and all(text_width(line, 13) <= 100 for line in lines)
    assert wrap("x" * 50, 60, 13)[0] == "x" * len(wrap("x" * 50, 60, 13)[0])  # a long word is cut
    cut = wrap("word " * 40, 100, 13, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…") and text_width(cut[-1], 13) <= 100


def test_static_site_has_a_404_page_and_rules_for_it(bundled_kg, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    publish(bundled_kg, out, base_uri="http://127.0.0.1:8000/stdkg/")
    html = (out / "404.html").read_text(encoding="utf-8")
    assert "<h1>Not found</h1>" in html
    assert 'href="/stdkg/style.css"' in html and 'href="/stdkg/index.html"' in html  # works at any depth
    assert "ErrorDocument 404 /stdkg/404.html" in (out / ".htaccess").read_text(encoding="utf-8")
    assert "error_page 404 /stdkg/404.html;" in (out / "nginx.conf").read_text(encoding="utf-8")


def test_provenance_is_folded_per_claim(site: Site) -> None:
    html = page(site, "id/org/iso.html")
    prov = section(html, "<h2>Provenance</h2>", "<h2>All statements")
    claims = re.findall(r'<details class="evidence-item claim">(.*?)</details>', prov, flags=re.S)
    assert claims, prov[:500]
    wiki = next(c for c in claims if "Wikipedia: International Organization for Standardization:" in c)
    summary = text(re.search(r"<summary>(.*?)</summary>", wiki, flags=re.S).group(1))  # type: ignore[union-attr]
    assert "founding date" in summary and "headquarters" in summary
    assert "1947-02-23" in wiki and "Geneva" in wiki  # the claimed facts, word for word, inside the fold
    # the reified statements are the provenance, not incoming links
    assert "“subject”" not in text(section(html, "<h2>Referenced by", "</table>"))


def test_claims_have_their_index_and_read_as_sentences(site: Site) -> None:
    assert any(s.name == "claims" for s in site.index_specs)
    assert not any(p.startswith(("id/claim/", "id/triple/")) for p in site.index_members.get("other", []))
    triple = next(p for p in site.pages if p.startswith("id/triple/"))
    said = text(section(page(site, f"{triple}.html"), '<dl class="facts">', "</dl>"))
    assert said.startswith("Says ") and " Stated by " in said
    claim = next(p for p in site.pages if p.startswith("id/claim/"))
    facts = text(section(page(site, f"{claim}.html"), '<dl class="facts">', "</dl>"))
    assert facts.startswith("Evidence ") and " States " in facts
