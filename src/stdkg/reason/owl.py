"""OWL 2 RL/RDF (tables 4–9 of OWL 2 Profiles, section 4.3) run to a fixpoint, in Python.

The rules with two premises that fire for nearly every triple run *incrementally*: each new triple
is joined, when it is taken from the work list, with everything known so far (every premise is
known before the last of a rule's premises is taken, so nothing is missed). They are the
equality rules (eq-sym, eq-trans, eq-rep-s/p/o), the property rules prp-dom, prp-rng, prp-fp,
prp-ifp, prp-symp, prp-trp, prp-spo1, prp-inv1/2, the class rule cax-sco, and the schema rules
scm-sco, scm-spo, scm-eqc1/2, scm-eqp1/2, scm-dom1/2, scm-rng1/2. Schema is read from the triples at
each step, so schema that a rule derives (a property typed through a subclass of
``owl:TransitiveProperty``, a sub-property of ``rdfs:subClassOf``) takes part like asserted schema.

The rules over lists, restrictions and keys are evaluated over the whole graph whenever the work
list runs dry (:mod:`stdkg.reason.axioms`), until a round adds nothing. Rules whose conclusion is
``false`` are checked once, on the fixpoint (:mod:`stdkg.reason.clashes`).

Left out, as in owlrl's defaults: the axiomatic triples (scm-cls, scm-op, scm-dp, prp-ap, cls-thing,
cls-nothing1, dt-type1) and eq-ref, which only state tautologies about every term; dt-type2 is
answered without triples (a literal is an instance of its datatype and of ``rdfs:Literal``, see
:meth:`stdkg.reason.facts.Facts.is_a`); dt-eq and dt-diff (equality of literals by value) are not
applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .axioms import global_consequences
from .clashes import clashes
from .facts import Facts, Triple
from .words import (
    DOMAIN,
    EQ_CLASS,
    EQ_PROPERTY,
    FUNCTIONAL,
    INVERSE,
    INVERSE_FUNCTIONAL,
    RANGE,
    SAME,
    SCO,
    SPO,
    SYMMETRIC,
    TRANSITIVE,
    TYPE,
)


class Reasoner:
    """The OWL 2 RL closure of a set of triples (see the module doc)."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.facts = Facts()
        self.queue: list[Triple] = []
        for t in triples:
            if self.facts.add(t):
                self.queue.append(t)
        self._special: dict[str, Callable[[str, str], None]] = {
            TYPE: self._type,
            SAME: self._same,
            SCO: self._sco,
            SPO: self._spo,
            EQ_CLASS: self._eqc,
            EQ_PROPERTY: self._eqp,
            DOMAIN: self._domain,
            RANGE: self._range,
            INVERSE: self._inverse,
        }

    def emit(self, s: str, p: str, o: str) -> None:
        if s == o and p in _REFLEXIVE:
            return  # a tautology: nothing follows from it that does not follow without it
        t = (s, p, o)
        if self.facts.add(t):
            self.queue.append(t)

    def run(self) -> list[str]:
        """Close the triples; return the clashes found (empty when consistent)."""
        while True:
            while self.queue:
                self._fire(*self.queue.pop())
            for t in global_consequences(self.facts):
                self.emit(*t)
            if not self.queue:
                return clashes(self.facts)

    # -- incremental rules -------------------------------------------------------------------
    def _fire(self, s: str, p: str, o: str) -> None:
        g, emit = self.facts, self.emit
        if g.uses_same_as:  # eq-rep-s, eq-rep-p, eq-rep-o
            for s2 in g.objects(s, SAME):
                emit(s2, p, o)
            for p2 in g.objects(p, SAME):
                emit(s, p2, o)
            for o2 in g.objects(o, SAME):
                emit(s, p, o2)
        for c in g.objects(p, DOMAIN):  # prp-dom
            emit(s, TYPE, c)
        for c in g.objects(p, RANGE):  # prp-rng
            emit(o, TYPE, c)
        for q in g.objects(p, SPO):  # prp-spo1
            emit(s, q, o)
        for q in g.objects(p, INVERSE):  # prp-inv1
            emit(o, q, s)
        for q in g.subjects(INVERSE, p):  # prp-inv2
            emit(o, q, s)
        if g.has(p, TYPE, SYMMETRIC):  # prp-symp
            emit(o, p, s)
        if g.has(p, TYPE, TRANSITIVE):  # prp-trp
            for z in g.objects(o, p):
                emit(s, p, z)
            for w in g.subjects(p, s):
                emit(w, p, o)
        if g.has(p, TYPE, FUNCTIONAL):  # prp-fp
            for y in g.objects(s, p):
                if y != o:
                    emit(o, SAME, y)
        if g.has(p, TYPE, INVERSE_FUNCTIONAL):  # prp-ifp
            for x in g.subjects(p, o):
                if x != s:
                    emit(s, SAME, x)
        special = self._special.get(p)
        if special is not None:
            special(s, o)

    def _type(self, x: str, c: str) -> None:
        g, emit = self.facts, self.emit
        for d in g.objects(c, SCO):  # cax-sco
            emit(x, TYPE, d)
        # a property that becomes symmetric, transitive, functional…: its triples so far
        if c == SYMMETRIC:
            for a, b in g.pairs(x):
                emit(b, x, a)
        elif c == TRANSITIVE:
            for a, b in g.pairs(x):
                for z in g.objects(b, x):
                    emit(a, x, z)
        elif c == FUNCTIONAL:
            for _s, objs in g.grouped(x):
                _all_same(objs, emit)
        elif c == INVERSE_FUNCTIONAL:
            for _o, subs in g.grouped_by_object(x):
                _all_same(subs, emit)

    def _same(self, x: str, y: str) -> None:
        g, emit = self.facts, self.emit
        emit(y, SAME, x)  # eq-sym
        for z in g.objects(y, SAME):  # eq-trans
            emit(x, SAME, z)
        for p, o in g.about(x):  # eq-rep-s
            emit(y, p, o)
        for s, p in g.pointing_at(x):  # eq-rep-o
            emit(s, p, y)
        for a, b in g.pairs(x):  # eq-rep-p
            emit(a, y, b)

    def _sco(self, c: str, d: str) -> None:
        g, emit = self.facts, self.emit
        for x in g.subjects(TYPE, c):  # cax-sco
            emit(x, TYPE, d)
        for e in g.objects(d, SCO):  # scm-sco
            emit(c, SCO, e)
        for b in g.subjects(SCO, c):
            emit(b, SCO, d)
        if g.has(d, SCO, c):  # scm-eqc2
            emit(c, EQ_CLASS, d)
            emit(d, EQ_CLASS, c)
        for p in g.subjects(DOMAIN, c):  # scm-dom1
            emit(p, DOMAIN, d)
        for p in g.subjects(RANGE, c):  # scm-rng1
            emit(p, RANGE, d)

    def _spo(self, p: str, q: str) -> None:
        g, emit = self.facts, self.emit
        for a, b in g.pairs(p):  # prp-spo1
            emit(a, q, b)
        for r in g.objects(q, SPO):  # scm-spo
            emit(p, SPO, r)
        for o in g.subjects(SPO, p):
            emit(o, SPO, q)
        if g.has(q, SPO, p):  # scm-eqp2
            emit(p, EQ_PROPERTY, q)
            emit(q, EQ_PROPERTY, p)
        for c in g.objects(q, DOMAIN):  # scm-dom2
            emit(p, DOMAIN, c)
        for c in g.objects(q, RANGE):  # scm-rng2
            emit(p, RANGE, c)

    def _eqc(self, c: str, d: str) -> None:  # scm-eqc1 (cax-eqc1/2 follow through cax-sco)
        self.emit(c, SCO, d)
        self.emit(d, SCO, c)

    def _eqp(self, p: str, q: str) -> None:  # scm-eqp1 (prp-eqp1/2 follow through prp-spo1)
        self.emit(p, SPO, q)
        self.emit(q, SPO, p)

    def _domain(self, p: str, c: str) -> None:
        g, emit = self.facts, self.emit
        for x in g.subjects_of(p):  # prp-dom
            emit(x, TYPE, c)
        for d in g.objects(c, SCO):  # scm-dom1
            emit(p, DOMAIN, d)
        for q in g.subjects(SPO, p):  # scm-dom2
            emit(q, DOMAIN, c)

    def _range(self, p: str, c: str) -> None:
        g, emit = self.facts, self.emit
        for _x, y in g.pairs(p):  # prp-rng
            emit(y, TYPE, c)
        for d in g.objects(c, SCO):  # scm-rng1
            emit(p, RANGE, d)
        for q in g.subjects(SPO, p):  # scm-rng2
            emit(q, RANGE, c)

    def _inverse(self, p: str, q: str) -> None:
        g, emit = self.facts, self.emit
        for a, b in g.pairs(p):  # prp-inv1
            emit(b, q, a)
        for a, b in g.pairs(q):  # prp-inv2
            emit(b, p, a)


_REFLEXIVE = frozenset({SAME, SCO, SPO, EQ_CLASS, EQ_PROPERTY})


def _all_same(terms: tuple[str, ...], emit: Callable[[str, str, str], None]) -> None:
    for i, a in enumerate(terms):
        for b in terms[i + 1 :]:
            emit(a, SAME, b)


__all__ = ["Reasoner"]
