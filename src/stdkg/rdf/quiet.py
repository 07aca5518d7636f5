"""Keep rdflib's logging and warnings about ill-typed literals out of the user's terminal."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's logged tracebacks (and warnings) for ill-typed literals (SHACL reports them)."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            # an ill-typed number written back as N-Triples (a result's value)
            warnings.filterwarnings("ignore", message="Serializing weird numerical", category=UserWarning)
            yield
    finally:
        logger.setLevel(previous)
