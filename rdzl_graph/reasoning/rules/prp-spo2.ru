# title@nl: prp-spo2: een eigenschapsketen geeft de afgeleide eigenschap
# title@en: prp-spo2: a property chain gives the derived property
# Template: ?_a = the chain as a SPARQL path (e.g. (<p1>/<p2>), (^<p1>/<p2>) for an inverse step), ?_b = the derived property(ies).
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?x ?b ?z } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x ?_a ?z . VALUES ?b { ?_b } }
