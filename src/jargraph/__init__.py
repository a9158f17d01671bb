"""jargraph: the Joint Area Reviews of children's services in England as linked data."""

__version__ = "0.1.0"
