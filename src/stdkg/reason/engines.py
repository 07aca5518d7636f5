"""Engine choice and the closure :func:`reason` keeps from an engine's output."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable, InputError
from .closure import Asserted, Closure, EngineDeclined, EngineOutput, dropped_lines
from .reference import closure_owlrl
from .rules import engine_output, engine_output_or_owlrl

if TYPE_CHECKING:
    from ..kg import KG

EngineFn = Callable[["KG"], EngineOutput]

#: Engine name -> the function that runs it. Adding an engine is one entry here.
ENGINES: dict[str, EngineFn] = {
    "owlrl": closure_owlrl,
    # our OWL 2 RL engine (line engine, else general); "auto" = rules, else owlrl
    "rules": engine_output,
    "auto": engine_output_or_owlrl,
}


def reason(kg: KG, *, engine: str = "owlrl") -> Closure:
    """Materialize the OWL RL closure of ``kg`` (its union graph: ontology + data)."""
    fn = ENGINES.get(engine)
    if fn is None:
        raise InputError(f"unknown reasoning engine {engine!r} (use one of: {', '.join(ENGINES)})")
    try:
        output = fn(kg)
    except EngineUnavailable as exc:  # only an engine asked for by name gets here
        raise EngineDeclined(engine, str(exc)) from None
    asserted = output.asserted or Asserted.of(kg)
    output_engine, engine_dropped = output.engine, output.dropped
    known = asserted.members
    # in the engine's order, which follows the asserted lines': cheaper to sort than a set's
    inferred = [line for line in dict.fromkeys(output.lines) if line and line not in known]
    del output
    dropped = dict(engine_dropped)
    gone = dropped_lines(inferred, dropped)
    if gone:
        inferred = [line for line in inferred if line not in gone]
    return Closure(
        asserted_lines=asserted.lines,
        inferred_lines=inferred,
        engine=output_engine or engine,
        dropped=dict(sorted(dropped.items())),
    )


__all__ = ["ENGINES", "EngineFn", "reason"]
