"""HTTP and CLI faces of reportgraph: the Flask app factory, blueprints, content negotiation and commands."""
