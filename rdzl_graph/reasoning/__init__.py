"""OWL 2 RL reasoning into the graph *inferred*.

* :mod:`.fast` — the default: the ontology's own rules as SPARQL updates in Oxigraph (``rules/``);
* :mod:`.owlrl_reference` — owlrl, the reference (``--reasoner owlrl`` and the tests);
* :mod:`.inconsistency` — what either reports when the graph is inconsistent.

The fast reasoner does not import owlrl.
"""
