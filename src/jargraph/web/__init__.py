"""The web site: SPARQL protocol, linked-data pages, query library API, validation.

``create_app`` is the Flask app factory; each kind of route lives in its own
module as a blueprint and is registered here.
"""
