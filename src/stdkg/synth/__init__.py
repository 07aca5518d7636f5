"""Synthetic graphs in the stdkg vocabulary, for benchmarks and scale tests.

A synthetic graph has ``N`` *bodies*. Each body is a small copy of the bundled data's shape: a formal
organization with units and posts, people holding the posts through memberships with time intervals,
a source document, a joint statement with commitments, a quotation with evidence selectors, an event,
and provenance on every fact node. A few SKOS concept schemes (roles, themes, values) and places are
shared by all bodies. Every node has an IRI (no blank nodes), like the bundled data.

The graph conforms to ``shapes/data.shapes.ttl`` except for exactly ``K`` *planted violations*, each of
a known kind (see :data:`VIOLATION_KINDS`), planted in distinct bodies chosen by the seed. The function
returns what each planted violation must produce in a SHACL report, so tests can compare exactly.

Output is streamed as N-Triples lines (a ``.ttl`` file gets a prefix header too; N-Triples lines are
valid Turtle), about 1M triples per few seconds. The same arguments always give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import InputError
from .body import make_body, shared_triples
from .planted import VIOLATION_KINDS, PlantedViolation
from .terms import PREFIXES


@dataclass
class SynthInfo:
    """What was generated."""

    bodies: int
    seed: int
    triples: int = 0
    violations: list[PlantedViolation] = field(default_factory=list)


# -- the stream ------------------------------------------------------------------------------


def _plan(bodies: int, violations: int, seed: int, kinds: list[str]) -> dict[int, str]:
    if bodies < 1:
        raise InputError("--bodies must be at least 1")
    if violations < 0:
        raise InputError("--violations must be 0 or more")
    if violations > bodies:
        raise InputError(f"at most one planted violation per body: {violations} > {bodies} bodies")
    unknown = [k for k in kinds if k not in VIOLATION_KINDS]
    if unknown:
        raise InputError(f"unknown violation kind {unknown[0]!r}; known: {', '.join(VIOLATION_KINDS)}")
    chosen = sorted(random.Random(f"plan-{seed}").sample(range(bodies), violations))
    return {body: kinds[j % len(kinds)] for j, body in enumerate(chosen)}


def chunks(
    bodies: int,
    *,
    violations: int = 0,
    seed: int = 0,
    kinds: list[str] | None = None,
    info: SynthInfo | None = None,
) -> Iterator[str]:
    """Yield the graph as N-Triples text, one chunk per body (shared concepts first)."""
    plan = _plan(bodies, violations, seed, list(kinds or VIOLATION_KINDS))
    rng = random.Random(seed)
    info = info if info is not None else SynthInfo(bodies, seed)
    shared = shared_triples()
    info.triples += len(shared)
    yield "".join(f"{s} {p} {o} .\n" for s, p, o in shared)
    for i in range(bodies):
        body, triples = make_body(i, rng, bodies)
        kind = plan.get(i)
        if kind is not None:
            triples, planted = VIOLATION_KINDS[kind](body, triples)
            info.violations.extend(planted)
        info.triples += len(triples)
        yield "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def triples_per_body() -> int:
    """How many triples one body adds (all bodies have the same size without violations)."""
    return len(make_body(0, random.Random(0), 2)[1])


def bodies_for(triples: int) -> int:
    """The number of bodies that gives about ``triples`` triples."""
    return max(1, round((triples - len(shared_triples())) / triples_per_body()))


def write(
    out: IO[str],
    bodies: int,
    *,
    violations: int = 0,
    seed: int = 0,
    kinds: list[str] | None = None,
    turtle: bool = False,
) -> SynthInfo:
    """Write the graph to a text stream; ``turtle`` adds a prefix header (the body is N-Triples)."""
    info = SynthInfo(bodies, seed)
    if turtle:
        out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")
    for chunk in chunks(bodies, violations=violations, seed=seed, kinds=kinds, info=info):
        out.write(chunk)
    return info


def write_file(
    path: Path | str,
    bodies: int,
    *,
    violations: int = 0,
    seed: int = 0,
    kinds: list[str] | None = None,
) -> SynthInfo:
    """Write the graph atomically to ``path`` (``.nt`` or ``.ttl``)."""
    from .._io import atomic_write

    target = Path(path)
    if target.suffix not in (".nt", ".ttl"):
        raise InputError(f"{target}: synthetic graphs are written as .nt or .ttl")
    with atomic_write(target) as fh:
        return write(
            fh, bodies, violations=violations, seed=seed, kinds=kinds, turtle=target.suffix == ".ttl"
        )


def manifest(info: SynthInfo) -> dict[str, object]:
    """A JSON-ready description of a generated graph and its planted violations."""
    return {
        "bodies": info.bodies,
        "seed": info.seed,
        "triples": info.triples,
        "violations": [
            {
                "kind": v.kind,
                "focus_node": v.focus_node,
                "constraint": v.constraint,
                "path": v.path,
                "value": v.value,
            }
            for v in info.violations
        ],
    }


__all__ = [
    "NS",
    "VIOLATION_KINDS",
    "PlantedViolation",
    "SynthInfo",
    "bodies_for",
    "chunks",
    "manifest",
    "triples_per_body",
    "write",
    "write_file",
]
