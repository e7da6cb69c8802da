# title@nl: prp-trp: een transitieve eigenschap volgt ketens (in één stap via een padexpressie)
# title@en: prp-trp: a transitive property follows chains (in one step via a property path)
# Template: ?_a = ?_b = the transitive property.
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?x ?b ?z } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x ?_a+ ?z . VALUES ?b { ?_b } }
