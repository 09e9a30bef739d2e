"""The read side: named SPARQL queries, their runner and the graph exports."""
