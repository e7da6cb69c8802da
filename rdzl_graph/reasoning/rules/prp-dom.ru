# title@nl: prp-dom: het onderwerp van een eigenschap hoort bij haar domein
# title@en: prp-dom: the subject of a property belongs to its domain
# Template: ?_a = property, ?_b = its domain classes. DISTINCT first: inserting the same triple many times is what costs.
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?x a ?b } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { { SELECT DISTINCT ?x WHERE { ?x ?_a ?y } } VALUES ?b { ?_b } }
