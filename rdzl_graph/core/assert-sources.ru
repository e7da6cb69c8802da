# title@nl: De bronbestanden samen als gegeven graaf van de reasoner
# title@en: The source files together as the reasoner's asserted graph
# description@nl: De build laadt elk bestand in een eigen graaf (urn:rdzl-graph:source:<n>) en kopieert hun vereniging naar de graaf die de reasoner en de validatie lezen.
# description@en: The build loads every file into a graph of its own (urn:rdzl-graph:source:<n>) and copies their union into the graph the reasoner and the validation read.
INSERT { GRAPH <urn:rdzl-graph:reasoning:asserted> { ?s ?p ?o } }
WHERE {
  GRAPH ?source { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?source), "urn:rdzl-graph:source:"))
}
