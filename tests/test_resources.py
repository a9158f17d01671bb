"""Package data is found inside the installed package, and a missing file says so."""

from __future__ import annotations

import pytest

from jargraph import resources


def test_every_kind_of_package_data_is_found() -> None:
    assert (resources.ontology_dir() / "jargraph.ttl").is_file()
    assert [p.name for p in resources.scheme_files()][:1] == ["addressees.ttl"]
    assert (resources.queries_dir() / "area-grades.rq").is_file()
    assert resources.reference_csv().is_file()
    assert {p.name for p in resources.reports_dir().glob("*.txt")} >= {
        "jar-southampton-2007.txt", "jar-leicestershire-2008.txt"}
    assert (resources.encodings_dir() / "template.ttl").is_file()


def test_a_missing_resource_says_what_to_do() -> None:
    with pytest.raises(FileNotFoundError, match="reinstall jargraph"):
        resources.path("ontology", "nothing.ttl")
