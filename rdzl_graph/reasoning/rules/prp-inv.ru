# title@nl: prp-inv: een omgekeerde eigenschap geldt in omgekeerde richting
# title@en: prp-inv: an inverse property holds in the opposite direction
# Template: ?_a = property, ?_b = its inverse(s) (the axiom query gives both directions).
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?y ?b ?x } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x ?_a ?y . VALUES ?b { ?_b } }
