"""RDF plumbing shared by every command: N-Triples lines, serialization, term conversion, rdflib quirks."""
