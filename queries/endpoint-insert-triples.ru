# title@nl: Triples met blanco knopen toevoegen aan een graaf (eindpunt, SPARQL Update-sjabloon)
# title@en: Add triples with blank nodes to a graph (endpoint, SPARQL Update template)
# description@nl: Voegt een groep triples die blanco knopen delen toe aan een (tijdelijke) graaf. Een INSERT-sjabloon met lege WHERE, want Virtuoso neemt geen blanco knopen in INSERT DATA aan. {{graph}} wordt een geserialiseerde IRI, {{triples}} N-Triples gemaakt door pyoxigraph.
# description@en: Adds a group of triples sharing blank nodes to a (staging) graph. An INSERT template with an empty WHERE, because Virtuoso refuses blank nodes in INSERT DATA. {{graph}} becomes a serialized IRI, {{triples}} N-Triples written by pyoxigraph.
# param: graph (IRI, required) the target graph
# param: triples (N-Triples, required) the triples to add
INSERT {
  GRAPH {{graph}} {
{{triples}}
  }
}
WHERE {}
