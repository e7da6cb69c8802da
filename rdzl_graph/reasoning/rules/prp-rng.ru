# title@nl: prp-rng: het object van een eigenschap hoort bij haar bereik
# title@en: prp-rng: the object of a property belongs to its range
# Template: ?_a = property, ?_b = its range classes. Literals get no type (owlrl's literal typing is junk); DISTINCT first.
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?y a ?b } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { { SELECT DISTINCT ?y WHERE { ?x ?_a ?y FILTER(!isLiteral(?y)) } } VALUES ?b { ?_b } }
