"""The planted-mistake case table: for every constraint of ``shapes/data.shapes.ttl`` and
``shapes/ontology.shapes.ttl``, a mistake and exactly the results it must draw.

Data only: the harness that builds each case's graph is tests/shapes_support.py, the tests are
tests/test_shapes.py (and tests/test_validate_engine.py runs our own engine on every case).
"""

from __future__ import annotations

from .model import DATA_SHAPES, HEADER, ONTOLOGY_SHAPES, SHAPE_NS, TERM, Case, Hit
from .ontology import ONTOLOGY_CASES
from .organizations_people import ORGANIZATIONS_PEOPLE_CASES
from .provenance_claims import PROVENANCE_CLAIMS_CASES
from .quotations_sources import QUOTATIONS_SOURCES_CASES
from .time_events_statements import TIME_EVENTS_STATEMENTS_CASES

DATA_CASES: list[Case] = [
    *PROVENANCE_CLAIMS_CASES,
    *ORGANIZATIONS_PEOPLE_CASES,
    *TIME_EVENTS_STATEMENTS_CASES,
    *QUOTATIONS_SOURCES_CASES,
]
CASES: list[Case] = [*DATA_CASES, *ONTOLOGY_CASES]

__all__ = [
    "CASES",
    "DATA_CASES",
    "DATA_SHAPES",
    "HEADER",
    "ONTOLOGY_CASES",
    "ONTOLOGY_SHAPES",
    "SHAPE_NS",
    "TERM",
    "Case",
    "Hit",
]
