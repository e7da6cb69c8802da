"""Fast OWL 2 RL reasoning: the ontology's own rules as SPARQL updates in Oxigraph.

owlrl (:mod:`rdzl_graph.reasoning.owlrl_reference`) is the reference, but its closure grows
superlinearly with the data. This module derives exactly the same meaningful
triples with a handful of OWL 2 RL rules, limited to the axioms the ontology
uses, run to a fixed point in a pyoxigraph store:

1. ``rules/tbox-schema.ru`` closes the ontology itself (``scm-*`` rules:
   sub-class and sub-property chains, equivalences, domain and range along
   them), repeated until nothing new appears;
2. ``rules/axioms.rq`` reads the (closed) axioms; every row instantiates a rule
   template ``rules/<rule>.ru`` (``cax-sco``, ``prp-spo1``, ``prp-inv``,
   ``prp-trp``, ``prp-spo2``, ``prp-dom``, ``prp-rng``) with its IRIs, so a
   change to the ontology needs no code change;
3. the instances run in rounds until no rule adds a triple, ordered so that
   a rule comes after the rules that feed it (:func:`order_rules`); after the
   first round only the rules whose input predicates or classes changed after
   they ran run again (semi-naive at the level of rules, :func:`_to_run_again`);
4. ``rules/finish.ru`` drops what was asserted and what
   calls junk (:func:`rdzl_graph.reasoning.graphs.drop_junk`, also used for owlrl's result).

The fast path refuses (``ReasoningError``) when the ontology uses an axiom it
does not implement (``rules/unsupported-axioms.rq``) or when a functional
property has two values (``rules/functional-conflicts.rq``: owlrl would then
derive ``owl:sameAs``), so it never silently differs from owlrl.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph

from ..core.errors import RdzlError, ValidationError
from ..core.sources import ASSERTED, LoadedGraphs, SourceSet
from ..core.namespaces import PREFIXES
from .graphs import INFERRED, drop_junk, graphs_to_store, inferred_graph, rule_text
from .inconsistency import inconsistency

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TYPE = ox.NamedNode(RDF_TYPE)
_PLACEHOLDER = re.compile(r"\?_([ab])\b")
MAX_ROUNDS = 100


class ReasoningError(RdzlError):
    """The fast reasoner cannot guarantee owlrl's result for this input."""


@dataclass(frozen=True)
class RuleInstance:
    """One rule template filled in with IRIs from the ontology.

    Attributes
    ----------
    template : str
        Rule name, the file ``rules/<template>.ru``.
    a : str
        SPARQL text for the placeholder ``?_a``: the input property or class
        (an IRI), or a property path for a chain.
    b : str
        SPARQL text for ``?_b``: the space-separated target IRIs (a ``VALUES`` row list).
    reads : tuple of str
        Input keys: predicate IRIs, or ``"type <class IRI>"`` for class membership.
    """

    template: str
    a: str
    b: str
    reads: tuple[str, ...]


@dataclass
class ReasoningStats:
    """What a fast reasoning run did.

    Attributes
    ----------
    rules : int
        Number of rule instances generated from the ontology.
    rounds : int
        Rounds of the instance rules until the fixed point.
    rule_runs : int
        Rule applications over all rounds.
    inferred : int
        Meaningful inferred triples.
    timings : dict
        Phase -> seconds (``tbox``, ``rules``, ``finish``).
    """

    rules: int = 0
    rounds: int = 0
    rule_runs: int = 0
    inferred: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def instantiate(template: str, a: str, b: str) -> str:
    """Fill the placeholders ``?_a`` and ``?_b`` of a rule template.

    Parameters
    ----------
    template : str
        SPARQL update text with ``?_a`` / ``?_b``.
    a, b : str
        SPARQL text to put in their place (IRIs rendered by pyoxigraph, or a path).

    Returns
    -------
    str

    Examples
    --------
    >>> instantiate("INSERT { ?x ?_b ?y } WHERE { ?x ?_a ?y }", "<urn:p>", "<urn:q>")
    'INSERT { ?x <urn:q> ?y } WHERE { ?x <urn:p> ?y }'
    """
    return _PLACEHOLDER.sub(lambda m: a if m.group(1) == "a" else b, template)


def _select(store: ox.Store, name: str) -> list[dict[str, ox.Term]]:
    # the asserted and inferred graphs only: the build's store also holds one graph per source file
    result = store.query(rule_text(name), default_graph=[ASSERTED, INFERRED], prefixes=dict(PREFIXES))
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names} for row in result]


def _term(node: ox.Term) -> str:
    if not isinstance(node, ox.NamedNode):  # pragma: no cover - axioms.rq filters IRIs
        raise ReasoningError(f"rule instance needs an IRI, got {node}")
    return str(node)


def read_rules(store: ox.Store) -> list[RuleInstance]:
    """Generate the rule instances from the axioms in *store* (see ``rules/axioms.rq``).

    Parameters
    ----------
    store : pyoxigraph.Store
        Scratch store with the asserted graph (and the closed schema).

    Returns
    -------
    list of RuleInstance
        One per rule and input property/class (all targets grouped), in
        application order: inverses, transitivity, chains, sub-properties,
        domain, range, sub-classes.
    """
    chains: dict[str, list[tuple[int, str, bool]]] = {}
    grouped: dict[tuple[str, str], list[str]] = {}
    reads: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in _select(store, "axioms.rq"):
        rule, a, b = row["rule"].value, _term(row["a"]), _term(row["b"])
        if rule == "prp-spo2":
            inverse = row["inverse"] is not None and row["inverse"].value == "true"
            chains.setdefault(b, []).append((int(row["pos"].value), a, inverse))
            continue
        grouped.setdefault((rule, a), []).append(b)
        reads[(rule, a)] = (f"type {row['a'].value}",) if rule == "cax-sco" else (row["a"].value,)
    for b, steps in chains.items():
        steps.sort()
        path = "(" + "/".join(("^" if inverse else "") + a for _pos, a, inverse in steps) + ")"
        grouped.setdefault(("prp-spo2", path), []).append(b)
        reads[("prp-spo2", path)] = tuple(a[1:-1] for _pos, a, _inv in steps)
    order = ["prp-inv", "prp-trp", "prp-spo2", "prp-spo1", "prp-dom", "prp-rng", "cax-sco"]
    rules = [RuleInstance(rule, a, " ".join(sorted(set(bs))), reads[(rule, a)]) for (rule, a), bs in grouped.items()]
    return sorted(rules, key=lambda r: (order.index(r.template), r.a, r.b))


def rule_writes(rule: RuleInstance) -> tuple[str, ...]:
    """The keys (as in :attr:`RuleInstance.reads`) a rule instance adds triples to."""
    targets = [iri[1:-1] for iri in rule.b.split()]
    if rule.template in ("cax-sco", "prp-dom", "prp-rng"):
        return tuple(f"type {iri}" for iri in targets)
    return tuple(targets)


def order_rules(rules: list[RuleInstance]) -> list[RuleInstance]:
    """Order rule instances so that a rule runs after the rules that feed it, where a cycle allows.

    Repeatedly takes the first rule (in the given order) that no remaining
    other rule feeds; in a cycle, the first remaining rule. In that order one
    round derives most of the closure, and few rules need another round
    (see :func:`_to_run_again`).
    """
    feeds = {rule: {other for other in rules if other is not rule
                    and set(rule_writes(other)).intersection(rule.reads)} for rule in rules}
    remaining = list(rules)
    ordered: list[RuleInstance] = []
    while remaining:
        left = set(remaining)
        pick = next((rule for rule in remaining if not feeds[rule] & left), remaining[0])
        ordered.append(pick)
        remaining.remove(pick)
    return ordered


def _to_run_again(rules: list[RuleInstance], ran: list[RuleInstance], changed: set[str],
                  writers: dict[str, list[RuleInstance]]) -> list[RuleInstance]:
    """The rules that may derive more: an input changed after they last looked at it.

    The rules of a round run in order in one update, each seeing what the
    earlier ones added. A rule needs another round if a key it reads changed
    in this round by a rule that ran at or after its own position, or if it did
    not run in this round at all (then it has not seen the change yet).
    """
    position = {rule: index for index, rule in enumerate(ran)}
    again = []
    for rule in rules:
        for key in changed.intersection(rule.reads):
            here = position.get(rule)
            if here is None or any(position.get(w, -1) >= here for w in writers.get(key, ())):
                again.append(rule)
                break
    return again


def _inferred_counts(store: ox.Store) -> dict[str, int]:
    counts = {}
    for row in _select(store, "inferred-counts.rq"):
        key = row["p"].value if row["c"] is None else f"type {row['c'].value}"
        counts[key] = int(row["n"].value)
    return counts


def _check(store: ox.Store) -> None:
    unsupported = [row["term"].value for row in _select(store, "unsupported-axioms.rq")]
    if unsupported:
        raise ReasoningError(
            "the fast reasoner does not implement " + ", ".join(unsupported) + "; use --reasoner owlrl"
        )


def materialise(store: ox.Store, loaded: LoadedGraphs | SourceSet | None = None) -> ReasoningStats:
    """Derive the meaningful entailments of the asserted graph into the inferred graph.

    The store is the reasoner's working memory: the caller puts the asserted
    triples in :data:`ASSERTED`; afterwards :data:`INFERRED` holds exactly the
    triples :func:`rdzl_graph.reasoning.owlrl_reference.reason` would return.

    Parameters
    ----------
    store : pyoxigraph.Store
        Scratch store (the named graph :data:`INFERRED` is written to); other
        graphs than :data:`ASSERTED` and :data:`INFERRED` are not read.
    loaded : LoadedGraphs or SourceSet, optional
        The parsed inputs, to name the file of a resource in an inconsistency.

    Returns
    -------
    ReasoningStats

    Raises
    ------
    ReasoningError
        The ontology uses an axiom the fast rules do not cover, or a
        functional property has two values.
    ValidationError
        A resource is in two disjoint classes (owlrl: inconsistent graph).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.load(b"<urn:x> a <urn:C> . <urn:C> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <urn:D> .",
    ...            format=ox.RdfFormat.TURTLE, to_graph=ASSERTED)
    >>> materialise(store).inferred
    1
    """
    stats = ReasoningStats()
    prefixes = dict(PREFIXES)
    _check(store)
    start = time.perf_counter()
    _tbox_closure(store, prefixes)
    stats.timings["tbox"] = time.perf_counter() - start
    start = time.perf_counter()
    _rule_closure(store, prefixes, stats)
    stats.timings["rules"] = time.perf_counter() - start
    _check_consistency(store, loaded)
    start = time.perf_counter()
    drop_junk(store)
    stats.timings["finish"] = time.perf_counter() - start
    stats.inferred = sum(_inferred_counts(store).values())
    return stats


def _tbox_closure(store: ox.Store, prefixes: dict[str, str]) -> None:
    """Run ``rules/tbox-schema.ru`` until the inferred graph stops growing (the schema's closure)."""
    tbox = rule_text("tbox-schema.ru")
    before = -1
    while (size := sum(_inferred_counts(store).values())) != before:
        before = size
        store.update(tbox, prefixes=prefixes)


def _rule_closure(store: ox.Store, prefixes: dict[str, str], stats: ReasoningStats) -> None:
    """Run the ontology's rule instances in rounds (each round those whose input changed) to the fixed point.

    Counts the rules, rounds and rule runs into *stats*.
    """
    rules = order_rules(read_rules(store))
    stats.rules = len(rules)
    templates = {name: rule_text(f"{name}.ru") for name in {r.template for r in rules}}
    writers: dict[str, list[RuleInstance]] = {}
    for rule in rules:
        for key in rule_writes(rule):
            writers.setdefault(key, []).append(rule)
    counts = _inferred_counts(store)
    pending = rules
    while pending:
        stats.rounds += 1
        if stats.rounds > MAX_ROUNDS:  # pragma: no cover - a finite closure always ends
            raise ReasoningError(f"no fixed point after {MAX_ROUNDS} rounds")
        update = " ;\n".join(instantiate(templates[r.template], r.a, r.b) for r in pending)
        store.update(update, prefixes=prefixes)
        stats.rule_runs += len(pending)
        new_counts = _inferred_counts(store)
        changed = {k for k, n in new_counts.items() if counts.get(k) != n}
        counts = new_counts
        pending = _to_run_again(rules, pending, changed, writers)


def _check_consistency(store: ox.Store, loaded: LoadedGraphs | SourceSet | None) -> None:
    """Raise where owlrl would derive ``owl:sameAs`` (a functional property with two values)
    or find the graph inconsistent (a resource in two disjoint classes)."""
    conflicts = _select(store, "functional-conflicts.rq")
    if conflicts:
        row = conflicts[0]
        raise ReasoningError(
            f"functional property {row['property'].value} has two values for {row['subject'].value} "
            f"({row['value1'].value}, {row['value2'].value}): owlrl would derive owl:sameAs; "
            "fix the data or use --reasoner owlrl"
        )
    disjoint = disjoint_conflicts(store)
    if disjoint:
        raise ValidationError([
            inconsistency(f"Disjoint classes {c1.value} and {c2.value} have a common individual {x.value}", loaded)
            for x, c1, c2 in disjoint
        ])


def disjoint_conflicts(store: ox.Store, limit: int = 50) -> list[tuple[ox.Term, ox.NamedNode, ox.NamedNode]]:
    """Resources typed (asserted or inferred) with both classes of a disjoint pair.

    The pairs come from ``rules/disjoint-pairs.rq``; the instances of each
    class are read once and intersected (a query that looks up the second
    type for every instance of the first costs seconds per million triples).

    Returns
    -------
    list of (resource, class, class)
        In SPARQL order (blank nodes first, then by IRI), at most *limit*.
    """
    pairs = [(row["c1"], row["c2"]) for row in _select(store, "disjoint-pairs.rq")]
    instances: dict[ox.NamedNode, set] = {}
    for cls in {c for pair in pairs for c in pair}:
        instances[cls] = {q.subject for graph in (ASSERTED, INFERRED)
                          for q in store.quads_for_pattern(None, _TYPE, cls, graph)}
    rows = {(x, c1, c2) for c1, c2 in pairs for x in instances[c1] & instances[c2]}
    ordered = sorted(rows, key=lambda r: (not isinstance(r[0], ox.BlankNode), r[0].value, r[1].value, r[2].value))
    return ordered[:limit]


def reason(*graphs: Graph, loaded: LoadedGraphs | None = None) -> Graph:
    """Drop-in fast replacement for :func:`rdzl_graph.reasoning.owlrl_reference.reason`.

    Parameters
    ----------
    *graphs : rdflib.Graph
        The asserted graphs (ontology and data); not modified.
    loaded : LoadedGraphs, optional
        The parsed inputs, to name the file of a resource in an inconsistency.

    Returns
    -------
    rdflib.Graph
        The meaningful new triples, equal to what owlrl + the junk filter give.

    Raises
    ------
    ReasoningError, ValidationError
        See :func:`materialise`.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data="<urn:x> a <urn:C> . <urn:C> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <urn:D> .",
    ...                   format="turtle")
    >>> [str(o) for o in reason(g).objects()]
    ['urn:D']
    """
    store = graphs_to_store(*graphs)
    materialise(store, loaded)
    return inferred_graph(store)
