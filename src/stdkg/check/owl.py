"""OWL 2 DL consistency of ontology and data with HermiT (through owlready2 and Java)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .outcome import BUILTIN, FAILED, PASSED, SKIPPED, CheckOutcome

if TYPE_CHECKING:
    from ..kg import KG

#: Seconds HermiT may take before the OWL check fails.
OWL_TIME_LIMIT = 300


def check_owl_dl(kg: KG, *, time_limit: int = OWL_TIME_LIMIT) -> CheckOutcome:
    """Consistency (and class satisfiability) of ontology + data with HermiT via owlready2."""
    import subprocess

    name = "owl-dl"
    if shutil.which("java") is None:
        return CheckOutcome(
            name,
            SKIPPED,
            summary="skipped: java is not installed (HermiT needs a Java runtime: install one, e.g. apt-get install default-jre-headless)",
        )
    try:
        import owlready2
        import owlready2.reasoning
    except ImportError:
        return CheckOutcome(
            name,
            SKIPPED,
            summary="skipped: owlready2 is not installed (pip install owlready2; it is a dependency of stdkg)",
        )
    from ..formats import RdfFormat

    fd, tmp = tempfile.mkstemp(suffix=".nt", prefix="stdkg-owl-")
    captured = io.StringIO()
    kargs: dict[str, Any] = owlready2.reasoning._subprocess_kargs
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(kg.serialize(RdfFormat.N_TRIPLES))
        kargs["timeout"] = time_limit
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            world = owlready2.World()
            world.get_ontology(Path(tmp).as_uri()).load(format="ntriples")
            owlready2.sync_reasoner(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
            unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
            world.close()
    except owlready2.OwlReadyInconsistentOntologyError:
        return CheckOutcome(
            name, FAILED, ["HermiT: Inconsistent ontology"], "inconsistent: ontology + data have no model"
        )
    except subprocess.TimeoutExpired:
        return CheckOutcome(name, FAILED, summary=f"HermiT did not finish within {time_limit} s")
    except owlready2.OwlReadyJavaError as exc:
        lines = [ln for ln in str(exc).splitlines() if ln.strip()]
        return CheckOutcome(name, FAILED, lines[:5], "HermiT failed (not OWL 2 DL?)")
    finally:
        kargs.pop("timeout", None)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    if unsatisfiable:
        from ..validate import shorten

        details = [f"unsatisfiable class {shorten(c)}" for c in unsatisfiable]
        return CheckOutcome(name, FAILED, details, f"{len(unsatisfiable)} unsatisfiable classes")
    outside = _outside_owl2_datatypes(kg)
    note = (
        f"; {', '.join(outside)} literals not interpreted (outside the OWL 2 datatype map)" if outside else ""
    )
    return CheckOutcome(name, PASSED, summary=f"consistent (HermiT, {len(kg)} triples{note})")


_OWL2_XSD = set(
    [
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "double",
        "float",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "boolean",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "dateTime",
        "dateTimeStamp",
    ]
)


def _outside_owl2_datatypes(kg: KG) -> list[str]:
    """Datatypes of the KG's literals that HermiT cannot interpret (it is told to ignore them)."""
    from ..validate import shorten

    rows = kg.query("SELECT DISTINCT (DATATYPE(?o) AS ?d) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }")
    out = []
    for row in rows:
        dt = row["d"].value
        if dt.startswith(BUILTIN[3]) and dt[len(BUILTIN[3]) :] not in _OWL2_XSD:
            out.append(shorten(dt))
    return sorted(out)
