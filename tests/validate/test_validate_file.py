"""Whole files through the package entry: the ontology, shapes and schemes are valid input."""

from __future__ import annotations

import pytest

from jargraph.cli import main
from jargraph.resources import ontology_dir


def test_ontology_and_shapes_are_valid_input(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(ontology_dir() / "jargraph.ttl"), str(ontology_dir() / "shapes.ttl")]
    assert main(["validate", *files]) == 0
    assert capsys.readouterr().out.strip() == "no problems; 2 files valid"


def test_schemes_are_valid_input(capsys: pytest.CaptureFixture[str]) -> None:
    schemes = sorted(str(p) for p in (ontology_dir() / "schemes").glob("*.ttl"))
    assert schemes
    assert main(["validate", *schemes]) == 0
