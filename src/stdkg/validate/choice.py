"""Which engine validates: engines are named by reference (a moved module fails at import, it
never falls back silently), pySHACL is the reference, and the fallback of an engine that declines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable, InputError, StdkgError
from ..rdf.quiet import quiet_rdflib
from . import engine, turbo
from .inputs import load_shapes
from .reference import validate_pyshacl
from .report import ValidationReport, sort_key

if TYPE_CHECKING:
    from ..kg import KG

INFERENCE_CHOICES = ("none", "rdfs", "owlrl")

EngineFn = Callable[["KG", Path, str], ValidationReport]
"""An engine: ``(kg, shapes file, inference) -> ValidationReport``. An engine that cannot serve a
request raises :class:`stdkg.errors.EngineUnavailable`; :func:`validate` then falls back to pySHACL."""


def validate_own(kg: KG, shapes: Path, inference: str) -> ValidationReport:
    """Our own engine (:mod:`stdkg.validate.engine`) on the KG's store; no inference."""
    if inference != "none":
        raise EngineUnavailable("the fast engine does not do inference")
    # the same input checks (and errors) as the reference, and the shapes graph it sees
    results = engine.Engine(kg.store, load_shapes(shapes)).run()
    # as the reference reads it: the graph conforms when there is no result at all
    return ValidationReport(conforms=not results, results=results, engine=engine.ENGINE)


def validate_turbo(kg: KG, shapes: Path, inference: str) -> ValidationReport:
    """pyshacl-turbo (:mod:`stdkg.validate.turbo`), when asked for by name; no inference."""
    if inference != "none":
        raise EngineUnavailable("the fast engine does not do inference")
    load_shapes(shapes)  # the same input checks (and errors) as the reference
    return turbo.validate_turbo(kg, [shapes])


#: Engine name -> engine. Adding an engine is one entry here. ``fast`` is our own engine: what it
#: declines (EngineUnavailable), the reference answers; ``turbo`` (an alpha engine) only when named.
ENGINES: dict[str, EngineFn] = {"pyshacl": validate_pyshacl, "fast": validate_own, "turbo": validate_turbo}
#: What ``engine="auto"`` runs (issue 6).
AUTO = "fast"


def validate(
    kg: KG,
    shapes: Path | str | None = None,
    *,
    inference: str = "none",
    engine: str = "auto",
) -> ValidationReport:
    """Validate ``kg`` against ``shapes`` (default: the layout's data shapes)."""
    if inference not in INFERENCE_CHOICES:
        raise InputError(f"unknown inference {inference!r} (use one of: {', '.join(INFERENCE_CHOICES)})")
    shapes_path = Path(shapes) if shapes is not None else kg.layout.data_shapes
    if not shapes_path.exists():
        raise InputError(f"{shapes_path}: no such shapes file")
    fn = ENGINES.get(AUTO if engine == "auto" else engine)
    if fn is None:
        raise InputError(f"unknown validation engine {engine!r} (use one of: auto, {', '.join(ENGINES)})")
    with quiet_rdflib():
        try:
            try:
                report = fn(kg, shapes_path, inference)
            except EngineUnavailable as exc:
                if fn is validate_pyshacl:
                    raise InputError(f"SHACL validation failed: {exc}") from exc
                report = validate_pyshacl(kg, shapes_path, inference)
        except StdkgError:
            raise
        except Exception as exc:  # an engine error is an input error: one line, exit 2
            message = " ".join(str(exc).split())[:300]
            raise InputError(f"SHACL validation failed ({engine}): {type(exc).__name__}: {message}") from exc
    report.results.sort(key=sort_key)
    # SHACL's reading, whatever the engine: the graph conforms when there is no result at all.
    report.conforms = not report.results
    return report


__all__ = ["ENGINES", "INFERENCE_CHOICES", "validate", "validate_own", "validate_turbo"]
