"""Large N-Triples files are searched for one IRI instead of indexed whole, with the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

LINES = [
    "# comment <http://e/a> here",
    '<http://e/s> <http://e/p> "text <http://e/a> inside" .',
    "<http://e/s> <http://e/p> <http://e/a> .",
    "_:b1 <http://e/a> <http://e/o> .",
    '  <http://e/x> <http://e/p> "caf\\u00e9 ünï" .',
    '<http://e/x> <http://e/p> "é" .',
    "<http://e/x> <http://e/q> <http://e/y> .",
    '<http://e/a> <http://e/p> "x"@en .',
    '<http://e/z> <http://e/p> "1"^^<http://e/dt> .',
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_search_gives_the_index_answer(tmp_path: Path, newline: str) -> None:
    from stdkg import locate

    path = tmp_path / "big.nt"
    path.write_bytes(newline.join(LINES).encode() + newline.encode())
    index = locate.file_index(path)
    iris = [*sorted(index.mention_line), "http://e/absent"]
    assert "http://e/a" in iris
    for iri in iris:
        assert locate._search_lines(path, iri) == (index.subject_line.get(iri), index.mention_line.get(iri))


def test_locate_searches_large_line_based_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stdkg
    from stdkg import locate

    path = tmp_path / "big.nt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    kg = stdkg.load([path])
    expected = {
        iri: (locate.locate(kg, iri), locate.first_mention(kg, iri)) for iri in ("http://e/a", "http://e/y")
    }
    monkeypatch.setattr(locate, "SEARCH_ABOVE", 0)
    monkeypatch.setattr(locate, "file_index", None)  # the search must not index the file
    for iri, (where, mention) in expected.items():
        assert locate.locate(kg, iri) == where
        assert locate.first_mention(kg, iri) == mention
    assert expected["http://e/a"][0] == locate.Location(path, 4)


def test_gzip_files_are_located_by_their_text(tmp_path: Path) -> None:
    import gzip

    from stdkg import locate

    plain = tmp_path / "kg.nt"
    plain.write_text("\n".join(LINES) + "\n")
    packed = tmp_path / "kg.nt.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    want = locate.file_index(plain)
    got = locate.file_index(packed)
    assert got.mention_line == want.mention_line
    assert got.subject_line == want.subject_line
    assert got.mention_line["http://e/a"] == 3  # line 1 is a comment, line 2 a string
