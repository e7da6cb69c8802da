# title@nl: cax-sco: een instantie van een subklasse is instantie van de superklasse
# title@en: cax-sco: an instance of a sub-class is an instance of the super-class
# Template: ?_a = sub-class, ?_b = its super-classes (IRIs filled in by rdzl_graph.fastreason).
# Grouped: one instance per input property/class, all its targets in the VALUES block.
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?x a ?b } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?x a ?_a . VALUES ?b { ?_b } }
