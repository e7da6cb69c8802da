# title@nl: prp-spo1: wat via een subeigenschap geldt, geldt via de supereigenschap
# title@en: prp-spo1: what holds via a sub-property holds via the super-property
# Template: ?_a = sub-property, ?_b = its super-properties.
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?x ?b ?y } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x ?_a ?y . VALUES ?b { ?_b } }
