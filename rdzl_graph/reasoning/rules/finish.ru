# title@nl: Afronden: alleen nieuwe, betekenisvolle afleidingen houden
# title@en: Finish: keep only new, meaningful entailments
# description@nl: Verwijdert uit de afgeleide graaf wat al gegeven was, en wat rdzl_graph.reasoning.graphs.drop_junk als rommel ziet (letterlijke of blanco onderwerpen, blanco objecten, onderwerpen in rdf/rdfs/owl/xsd, reflexieve subklasse/subeigenschap/equivalentie/sameAs, typering als owl:Thing of rdfs:Resource, verwijzingen naar de top-klasse of -eigenschap).
# description@en: Removes from the inferred graph what was already asserted, and what rdzl_graph.reasoning.graphs.drop_junk considers junk (literal or blank subjects, blank objects, subjects in rdf/rdfs/owl/xsd, reflexive sub-class/sub-property/equivalence/sameAs, typing as owl:Thing or rdfs:Resource, links to the top class or property).
# (asserted graph first: Oxigraph then scans it and probes the inferred graph, twice as fast as the other way)
DELETE { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?s ?p ?o } }
WHERE { GRAPH <urn:rdzl-graph:reasoning:asserted> { ?s ?p ?o } GRAPH <urn:rdzl-graph:reasoning:inferred> { ?s ?p ?o } } ;
DELETE { GRAPH <urn:rdzl-graph:reasoning:inferred> { ?s ?p ?o } }
WHERE {
  GRAPH <urn:rdzl-graph:reasoning:inferred> { ?s ?p ?o }
  FILTER(
    isLiteral(?s) || isBlank(?s) || isBlank(?o)
    || STRSTARTS(STR(?s), STR(rdf:)) || STRSTARTS(STR(?s), STR(rdfs:))
    || STRSTARTS(STR(?s), STR(owl:)) || STRSTARTS(STR(?s), STR(xsd:))
    || ?p IN (owl:differentFrom, owl:distinctMembers, owl:members, owl:disjointWith, owl:propertyDisjointWith)
    || (?s = ?o && ?p IN (owl:sameAs, rdfs:subClassOf, owl:equivalentClass, rdfs:subPropertyOf, owl:equivalentProperty))
    || (?p = rdf:type && ?o IN (owl:Thing, rdfs:Resource, owl:AllDifferent, owl:AllDisjointClasses,
                                owl:AllDisjointProperties, rdfs:Datatype))
    || (?p IN (rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range)
        && ?o IN (owl:Thing, rdfs:Resource, owl:topObjectProperty, owl:topDataProperty))
    || (isLiteral(?o) && ?p IN (rdf:type, rdfs:subClassOf, rdfs:subPropertyOf, owl:sameAs))
  )
}
