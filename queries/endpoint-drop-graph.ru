# title@nl: Graaf verwijderen (eindpunt, SPARQL Update-sjabloon)
# title@en: Drop a graph (endpoint, SPARQL Update template)
# description@nl: Verwijdert een graaf als die bestaat. {{graph}} wordt vervangen door een geserialiseerde IRI.
# description@en: Drops a graph if it exists. {{graph}} is replaced by a serialized IRI.
# param: graph (IRI, required) the graph to drop
DROP SILENT GRAPH {{graph}}
