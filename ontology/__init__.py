"""The reportgraph vocabulary, SHACL shapes, domain gazetteer and namespace objects."""
