"""Remote SPARQL: the client (any SPARQL 1.1 endpoint), a local read-only server (Oxigraph), and push (publish the built graph, verified)."""
