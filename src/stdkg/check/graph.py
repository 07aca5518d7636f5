"""The checks of the graph as a whole: parsing, the data and ontology shapes, undefined terms."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, ParseError
from ..locate import display_path, first_mention
from .outcome import BUILTIN, FAILED, PASSED, SKIPPED, SPARQL_PREFIXES, CheckOutcome

if TYPE_CHECKING:
    from ..kg import KG, Layout

_DECLARING_TYPES = (
    "owl:Class",
    "rdfs:Class",
    "owl:ObjectProperty",
    "owl:DatatypeProperty",
    "owl:AnnotationProperty",
    "owl:OntologyProperty",
    "rdf:Property",
)


def check_parse(paths: Sequence[Path | str] | None, layout: Layout) -> tuple[CheckOutcome, KG | None]:
    """Parse each file on its own; the KG when every file parses."""
    import pyoxigraph as ox

    from ..kg import KG, discover, load_file

    sources = discover(paths if paths else layout.default_sources(), layout)
    if not sources:
        raise InputError("no RDF files found")
    store = ox.Store()
    details: list[str] = []
    errors = 0
    for src in sources:
        name = display_path(src.path, layout.root)
        try:
            load_file(store, src)
        except ParseError as exc:
            errors += 1
            where = ":".join(str(p) for p in (name, exc.line, exc.col) if p is not None)
            details.append(f"{where}: {exc.message}")
            continue
        except InputError as exc:
            errors += 1
            details.append(str(exc))
            continue
        n = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(src.graph)))
        details.append(f"{name}: {n} triples")
    if errors:
        summary = f"{errors} of {len(sources)} files do not parse"
        return CheckOutcome("parse", FAILED, details, summary), None
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    kg = KG(store, sources, layout)
    summary = f"{len(sources)} files, {len(kg)} distinct triples"
    return CheckOutcome("parse", PASSED, details, summary), kg


# -- SHACL ------------------------------------------------------------------------------------


def _shacl_outcome(name: str, kg: KG, shapes: Path) -> CheckOutcome:
    from ..validate import result_lines, summary, validate

    if not shapes.exists():
        return CheckOutcome(name, SKIPPED, summary=f"skipped: no shapes at {display_path(shapes)}")
    report = validate(kg, shapes)
    status = FAILED if report.count("Violation") else PASSED
    return CheckOutcome(
        name, status, result_lines(kg, report), f"{display_path(shapes, kg.layout.root)}: {summary(report)}"
    )


def check_shacl(kg: KG) -> CheckOutcome:
    return _shacl_outcome("shacl", kg, kg.layout.data_shapes)


def ontology_sources(kg: KG) -> list[Any]:
    onto_dir = kg.layout.ontology_dir.resolve()
    return [s for s in kg.sources if s.path.resolve().is_relative_to(onto_dir)]


def check_ontology_shapes(kg: KG) -> CheckOutcome:
    from ..kg import KG as KGClass

    onto = ontology_sources(kg)
    if not onto:
        return CheckOutcome("ontology-shapes", SKIPPED, summary="skipped: no files under ontology/")
    sub = _sub_kg(kg, onto, KGClass)
    return _shacl_outcome("ontology-shapes", sub, kg.layout.ontology_shapes)


def _sub_kg(kg: KG, sources: list[Any], cls: type[KG]) -> KG:
    import pyoxigraph as ox

    store = ox.Store()
    for src in sources:
        g = ox.NamedNode(src.graph)
        store.extend(kg.store.quads_for_pattern(None, None, None, g))
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in kg.store.quads_for_pattern(None, None, None, g)
        )
    return cls(store, sources, kg.layout)


def check_terms(kg: KG) -> CheckOutcome:
    """Every class and property used in the data is declared in ontology/ or built in."""
    from ..validate import shorten

    name = "terms"
    onto = ontology_sources(kg)
    data = [s for s in kg.sources if s not in onto]
    if not data:
        return CheckOutcome(name, SKIPPED, summary="skipped: no data files (only ontology/)")
    declared = _declared_terms(kg, [s.graph for s in onto]) if onto else _bundled_declared(kg.layout)
    values = " ".join(f"<{s.graph}>" for s in data)
    rows = kg.query(
        SPARQL_PREFIXES + f"SELECT ?t (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
        "GRAPH ?g { { ?s ?t ?o } UNION { ?s rdf:type ?t } } } GROUP BY ?t"
    )
    used = {row["t"].value: int(row["n"].value) for row in rows if hasattr(row["t"], "value")}
    undefined = sorted(t for t in used if t not in declared and not t.startswith(BUILTIN))
    paths = {s.path for s in data}
    details = []
    for term in undefined:
        loc = first_mention(kg, term, paths=paths)
        where = f" (first at {loc.display(kg.layout.root)})" if loc else ""
        times = "once" if used[term] == 1 else f"{used[term]} times"
        details.append(f"{shorten(term)} is not declared in ontology/; used {times}{where}")
    if undefined:
        return CheckOutcome(name, FAILED, details, f"{len(undefined)} undefined terms")
    return CheckOutcome(name, PASSED, summary=f"{len(used)} classes and properties used, all declared")


def _declared_terms(kg: KG, graphs: list[str]) -> set[str]:
    values = " ".join(f"<{g}>" for g in graphs)
    types = " ".join(_DECLARING_TYPES)
    rows = kg.query(
        SPARQL_PREFIXES + f"SELECT DISTINCT ?t WHERE {{ VALUES ?g {{ {values} }} VALUES ?c {{ {types} }} "
        "GRAPH ?g { ?t rdf:type ?c } }"
    )
    return {row["t"].value for row in rows}


def _bundled_declared(layout: Layout) -> set[str]:
    from ..kg import load

    if not layout.ontology_dir.is_dir():
        return set()
    onto = load([layout.ontology_dir], layout=layout)
    return _declared_terms(onto, [s.graph for s in onto.sources])
