# title@nl: Graaf verplaatsen (eindpunt, SPARQL Update-sjabloon)
# title@en: Move a graph (endpoint, SPARQL Update template)
# description@nl: Vervangt de doelgraaf door de tijdelijke graaf en verwijdert de tijdelijke graaf. Meerdere MOVE-opdrachten gaan samen in één verzoek.
# description@en: Replaces the target graph by the staging graph and drops the staging graph. Several MOVE operations are sent together in one request.
# param: source (IRI, required) the staging graph
# param: target (IRI, required) the final graph
MOVE GRAPH {{source}} TO GRAPH {{target}}
