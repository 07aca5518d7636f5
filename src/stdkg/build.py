"""``stdkg build``: check, then write every dump, the inferred graph and the stats into a folder.

The folder is built whole in a temporary sibling folder and then moved into place, so a failure at
any step leaves the previous output folder untouched. Each RDF file written is parsed back with
pyoxigraph to count its triples (and to prove that it parses).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError
from .formats import RdfFormat

if TYPE_CHECKING:
    from .check import CheckReport
    from .kg import KG, Layout

#: Base name of the graph dumps: ``stdkg-kg.ttl``, ``stdkg-kg.nt`` …
DUMP_STEM = "stdkg-kg"
INFERRED_NAME = "stdkg-inferred.ttl"
STATS_NAME = "stats.txt"
VOID_NAME = "void.ttl"


@dataclass(frozen=True)
class BuiltFile:
    """One file of the build: its name in the output folder, size in bytes, triple/quad count."""

    name: str
    size: int
    triples: int | None = None


@dataclass
class BuildResult:
    """What ``build`` did: the check report and, when the checks passed, the files written."""

    check: CheckReport
    out: Path
    files: list[BuiltFile] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.check.ok


def build(
    paths: Sequence[Path | str] | None = None,
    out: Path | str = "dist",
    *,
    layout: Layout | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Run every check; when they pass, write the dumps, the closure and the stats into ``out``."""
    from .check import check

    started = time.perf_counter()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write {out}: it exists and is not a folder")
    report = check(paths, layout=layout)
    result = BuildResult(check=report, out=out)
    if not report.ok or report.kg is None:
        result.seconds = time.perf_counter() - started
        return result
    artefacts = _artefacts(report.kg)
    result.files = _write_folder(out, artefacts, progress)
    result.seconds = time.perf_counter() - started
    return result


Artefact = tuple[str, Callable[[], bytes], RdfFormat | None]
"""(file name, producer of its bytes, RDF format to count triples with, or None)."""


def _artefacts(kg: KG) -> list[Artefact]:
    from . import export as ex

    items: list[Artefact] = []
    for fmt in RdfFormat:
        items.append((f"{DUMP_STEM}.{fmt.file_extension}", _bind(ex.export, kg, fmt), fmt))
    items.append((INFERRED_NAME, lambda: _inferred_turtle(kg), RdfFormat.TURTLE))
    items.extend(_stats_artefacts(kg))
    return items


def _bind(fn: Callable[[KG, RdfFormat], bytes], kg: KG, fmt: RdfFormat) -> Callable[[], bytes]:
    return lambda: fn(kg, fmt)


def _inferred_turtle(kg: KG) -> bytes:
    """The full OWL RL closure (asserted + inferred) as canonical Turtle."""
    from .rdf.serialize import serialize_triples
    from .reason import reason

    return serialize_triples(reason(kg).triples(), RdfFormat.TURTLE)


def _stats_artefacts(kg: KG) -> list[Artefact]:
    from .kg import BASE_IRI
    from .stats import compute_stats, render_table, void_graph

    figures = compute_stats(kg)

    def void() -> bytes:
        text = void_graph(
            figures,
            dataset_iri=BASE_IRI + "void#dataset",
            title="stdkg — the Standards Knowledge Graph",
            license="https://creativecommons.org/licenses/by/4.0/",
            uri_space=BASE_IRI + "id/",
        )
        return text.encode("utf-8")

    return [
        (STATS_NAME, lambda: render_table(figures).encode("utf-8"), None),
        (VOID_NAME, void, RdfFormat.TURTLE),
    ]


def count_triples(data: bytes, fmt: RdfFormat) -> int:
    """Triples (quads for dataset formats) in ``data``: proves that the file parses back."""
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(data, format=fmt.to_oxigraph()))


def _count_written(name: str, data: bytes, fmt: RdfFormat) -> int:
    try:
        return count_triples(data, fmt)
    except SyntaxError as exc:
        from .kg import parse_error

        raise OutputError(f"{name} does not parse back: {parse_error(exc, name)}") from None


def _write_folder(
    out: Path, artefacts: list[Artefact], progress: Callable[[int, int], None] | None
) -> list[BuiltFile]:
    """Write every artefact into a temporary sibling of ``out``, then swap it into place."""
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    files: list[BuiltFile] = []
    try:
        for i, (name, produce, fmt) in enumerate(artefacts, 1):
            data = produce()
            (staging / name).write_bytes(data)
            files.append(BuiltFile(name, len(data), _count_written(name, data, fmt) if fmt else None))
            if progress:
                progress(i, len(artefacts))
        os.chmod(staging, 0o755)
        _swap_into_place(staging, out)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return files


def _swap_into_place(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging``; the old folder is restored if the move fails."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write {out}: it exists and is not a folder")
    old: Path | None = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.resolve().parent))
        old.rmdir()
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)


def render_summary(result: BuildResult) -> str:
    """The files written (name, size, triples) and the time taken."""
    from .locate import display_path

    width = max((len(f.name) for f in result.files), default=0)
    lines = []
    for f in result.files:
        count = f"{f.triples:>8,} triples" if f.triples is not None else ""
        lines.append(f"  {f.name:<{width}}  {_size(f.size):>9}  {count}".rstrip())
    total = sum(f.size for f in result.files)
    lines.append(
        f"built {display_path(result.out)}/: {len(result.files)} files, {_size(total)} "
        f"in {result.seconds:.1f} s"
    )
    return "\n".join(lines) + "\n"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / 1024 / 1024:.1f} MiB"


__all__ = ["BuildResult", "BuiltFile", "build", "count_triples", "render_summary"]
