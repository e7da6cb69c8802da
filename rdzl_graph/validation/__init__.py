"""SHACL validation of the data contract (``ontology/rdzl-shapes.ttl``), in plain words.

* :mod:`.validate` — the entry points (:func:`~.validate.validate_sources`), pyshacl-turbo (the build's engine) and the pySHACL reference;
* :mod:`.rendering` — the engines' report graph in plain words, one record per result;
* :mod:`.validation_scope` — which resources a changed-only build must check;
* :mod:`.projection` — which predicates the shapes can read: the fast engine gets only those.

The build's policy (what to validate this time, and recording it) is in
:mod:`rdzl_graph.build.validation_plan`.
"""
