"""jargraph: the Joint Area Reviews of children's services in England as linked data."""

from pathlib import Path

__version__ = "0.1.0"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout: ``ontology/``, ``data/`` and ``queries/`` live beside ``src/``."""
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DATA_DIR = PROJECT_ROOT / "data"
QUERIES_DIR = PROJECT_ROOT / "queries"
