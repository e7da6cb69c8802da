# title@nl: prp-rng: het object van een eigenschap hoort bij haar bereik
# title@en: prp-rng: the object of a property belongs to its range
# Template: ?_a = property, ?_b = range class. Literals get no type (owlrl's literal typing is junk).
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?y a ?_b } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x ?_a ?y FILTER(!isLiteral(?y)) }
