"""Writing the site as static files (``stdkg publish``): every document, the rules for web servers.

The folder is built beside the target and renamed into place, so a failed run leaves the previous
site whole. Resource pages are written by forked workers when there are many (they share the built
site copy-on-write).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OutputError
from .model import SiteOptions
from .site import Site
from .webserver import htaccess, nginx_conf

if TYPE_CHECKING:
    from ..kg import KG

#: Fewer pages than this per worker are not worth a fork.
_MIN_PAGES_PER_JOB = 500


@dataclass
class PublishReport:
    """What ``publish`` wrote."""

    out: Path
    base: str
    pages: int
    files: int
    bytes: int
    seconds: float
    """Wall time of the whole run (loading excluded)."""
    pages_seconds: float
    """Wall time of rendering and writing the resource documents (5 files per page)."""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.pages_seconds if self.pages_seconds > 0 else float("inf")


def publish(
    kg: KG,
    out: Path | str,
    *,
    base_uri: str | None = None,
    options: SiteOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> PublishReport:
    """Write the static site into ``out`` (replaced atomically: built beside it, then renamed)."""
    started = time.perf_counter()
    site = Site(kg, base_uri, options)
    target = Path(out)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: {exc}") from None
    files = 0
    size = 0
    try:
        made_dirs: set[str] = set()

        def write(rel: str, data: bytes) -> None:
            nonlocal files, size
            d = os.path.dirname(rel)
            if d not in made_dirs:
                os.makedirs(tmp / d, exist_ok=True)
                made_dirs.add(d)
            with open(tmp / rel, "wb") as fh:
                fh.write(data)
            files += 1
            size += len(data)

        for rel in site.all_paths():
            doc = site.document(rel)
            assert doc is not None, rel
            write(rel, doc.body)
        void_ttl = site.document("void.ttl")
        assert void_ttl is not None
        write(".well-known/void", void_ttl.body)
        write(".htaccess", htaccess(site).encode())
        write("nginx.conf", nginx_conf(site).encode())
        paths = list(site.pages)
        total = len(paths)
        pages_started = time.perf_counter()
        jobs = max(1, min(workers, len(paths) // _MIN_PAGES_PER_JOB or 1)) if hasattr(os, "fork") else 1
        if jobs > 1:
            import gc

            site.warm()
            gc.freeze()  # forked writers then share the site's objects without copying them
        children = [_fork_writer(site, paths[k::jobs], tmp) for k in range(1, jobs)]
        mine = paths[0::jobs]
        for i, path in enumerate(mine, 1):
            for suffix, data in site.resource_documents(path).items():
                write(f"{path}.{suffix}", data)
            if progress and (i % 200 == 0 or i == len(mine)):
                progress(min(total, i * jobs), total)
        for conn, proc in children:
            try:
                got = conn.recv()
            except EOFError:
                got = None
            proc.join()
            if not isinstance(got, tuple) or proc.exitcode != 0:
                raise OutputError(f"{target}: a page writer failed: {got}")
            files += got[0]
            size += got[1]
        pages_seconds = time.perf_counter() - pages_started
        os.chmod(tmp, 0o755)
        _replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return PublishReport(
        target, site.base, len(paths), files, size, time.perf_counter() - started, pages_seconds
    )


def _fork_writer(site: Site, paths: list[str], tmp: Path) -> tuple[Any, Any]:
    """Render and write ``paths`` in a forked child (it shares the built site copy-on-write)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent_conn, child_conn = ctx.Pipe(duplex=False)

    def run() -> None:
        files = size = 0
        try:
            made: set[str] = set()
            for path in paths:
                for suffix, data in site.resource_documents(path).items():
                    rel = f"{path}.{suffix}"
                    d = os.path.dirname(rel)
                    if d not in made:
                        os.makedirs(tmp / d, exist_ok=True)
                        made.add(d)
                    with open(tmp / rel, "wb") as fh:
                        fh.write(data)
                    files += 1
                    size += len(data)
            child_conn.send((files, size))
        except BaseException as exc:
            child_conn.send(f"{type(exc).__name__}: {exc}")
            raise

    proc = ctx.Process(target=run, daemon=True)
    proc.start()
    child_conn.close()
    return parent_conn, proc


def _replace_dir(tmp: Path, target: Path) -> None:
    try:
        if target.exists():
            if not target.is_dir():
                raise OutputError(f"{target}: exists and is not a folder")
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: {exc}") from None
