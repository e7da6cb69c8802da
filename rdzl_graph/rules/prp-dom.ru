# title@nl: prp-dom: het onderwerp van een eigenschap hoort bij haar domein
# title@en: prp-dom: the subject of a property belongs to its domain
# Template: ?_a = property, ?_b = domain class.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?x a ?_b } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x ?_a ?y }
