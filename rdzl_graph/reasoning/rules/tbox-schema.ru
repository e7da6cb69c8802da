# title@nl: Schema-regels (OWL 2 RL scm-*) tot een vast punt
# title@en: Schema rules (OWL 2 RL scm-*) to a fixed point
# description@nl: Sluit de ontologie zelf af: subklassen en subeigenschappen transitief, equivalenties als wederzijdse subklasse/subeigenschap (en terug), domein en bereik langs subklassen en subeigenschappen. De reasoner herhaalt dit bestand tot er niets meer bijkomt.
# description@en: Closes the ontology itself: sub-classes and sub-properties transitively, equivalences as mutual sub-class/sub-property (and back), domain and range along sub-classes and sub-properties. The reasoner repeats this file until nothing new appears.
# Graphs: asserted triples in <urn:rdzl-graph:reasoning:asserted>, derived triples in <urn:rdzl-graph:reasoning:inferred> (the reasoner's scratch store).
# scm-sco
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?c1 rdfs:subClassOf ?c3 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c3 } ;
# scm-spo
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p1 rdfs:subPropertyOf ?p3 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p3 } ;
# scm-eqc1
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c1 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?c1 owl:equivalentClass ?c2 } ;
# scm-eqc2
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?c1 owl:equivalentClass ?c2 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c1 } ;
# scm-eqp1
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p1 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p1 owl:equivalentProperty ?p2 } ;
# scm-eqp2
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p1 owl:equivalentProperty ?p2 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p1 } ;
# scm-dom1
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p rdfs:domain ?c2 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p rdfs:domain ?c1 . ?c1 rdfs:subClassOf ?c2 } ;
# scm-dom2
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p1 rdfs:domain ?c } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p2 rdfs:domain ?c . ?p1 rdfs:subPropertyOf ?p2 } ;
# scm-rng1
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p rdfs:range ?c2 } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p rdfs:range ?c1 . ?c1 rdfs:subClassOf ?c2 } ;
# scm-rng2
INSERT { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?p1 rdfs:range ?c } } USING <urn:rdzl-graph:reasoning:asserted> USING <urn:rdzl-graph:reasoning:inferred>
WHERE { ?p2 rdfs:range ?c . ?p1 rdfs:subPropertyOf ?p2 }
