"""Readers: one per document family, turning report text into `jargraph.model` records."""
