"""Text to records to RDF: readers, normalisation, NLP, extractors, mapping and the ingest pipeline."""
