# title@nl: Triples toevoegen aan een graaf (eindpunt, SPARQL Update-sjabloon)
# title@en: Add triples to a graph (endpoint, SPARQL Update template)
# description@nl: Voegt een blok triples zonder blanco knopen toe aan een (tijdelijke) graaf. {{graph}} wordt een geserialiseerde IRI, {{triples}} N-Triples gemaakt door pyoxigraph.
# description@en: Adds a block of triples without blank nodes to a (staging) graph. {{graph}} becomes a serialized IRI, {{triples}} N-Triples written by pyoxigraph.
# param: graph (IRI, required) the target graph
# param: triples (N-Triples, required) the triples to add
INSERT DATA {
  GRAPH {{graph}} {
{{triples}}
  }
}
