"""Shared CLI pieces: the settings object, option bundles, progress and output helpers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..kg import KG


@dataclass
class Settings:
    """Global options, available to every command as ``ctx.obj``."""

    kg_paths: tuple[str, ...] = ()
    quiet: bool = False

    def load(self, *, lazy: bool = False) -> KG:
        """Load the KG named by ``--kg`` (default: the bundled one), with progress on a terminal.

        ``lazy=True`` finds the files but leaves parsing to the first use (see ``stdkg.kg.load``).
        """
        from .. import kg

        if lazy:
            return kg.load(list(self.kg_paths) or None, lazy=True)
        with progress_bar(self, "loading", unit="files") as tick:
            return kg.load(list(self.kg_paths) or None, progress=tick)

    @contextmanager
    def reading(self, kg: KG) -> Iterator[None]:
        """Progress over the files of a lazily loaded ``kg`` while the block parses them."""
        with progress_bar(self, "loading", unit="files") as tick:
            kg.progress = tick
            try:
                yield
            finally:
                kg.progress = None


pass_settings = click.make_pass_decorator(Settings, ensure=True)


def show_progress(settings: Settings) -> bool:
    """Progress goes to a terminal only, never when piped or with ``--quiet``."""
    return not settings.quiet and sys.stderr.isatty()


@contextmanager
def progress_bar(
    settings: Settings, label: str, unit: str = "items"
) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a ``progress(done, total)`` callback drawing a bar on stderr, or ``None``."""
    if not show_progress(settings):
        yield None
        return
    bars: list[Any] = []
    done_so_far = [0]

    def tick(done: int, total: int) -> None:
        if not bars:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            bars.append(bar)
        bars[0].update(done - done_so_far[0])
        done_so_far[0] = done

    try:
        yield tick
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)


def info(settings: Settings, message: str) -> None:
    """A diagnostic line on stderr (suppressed by ``--quiet``)."""
    if not settings.quiet:
        click.echo(message, err=True)


def write_output(data: bytes | str, output: str | None) -> None:
    """Write to stdout (``output`` None or ``-``) or to a file, safely (see :mod:`stdkg._io`)."""
    from .._io import write_bytes

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or output == "-":
        write_bytes("-", raw)
        return
    write_bytes(Path(output), raw)


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=False, path_type=str),
    default=None,
    metavar="FILE",
    help="Write to FILE instead of stdout (a regular file is replaced whole, keeping its mode).",
)
