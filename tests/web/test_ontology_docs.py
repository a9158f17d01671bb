"""The ontology's pages: headings say each kind of term in a correct plural."""

from __future__ import annotations

import re

import pytest

from jargraph.web.ontology_docs import plural

from .conftest import fetch


@pytest.mark.parametrize(("noun", "many"), [
    ("class", "classes"), ("object property", "object properties"),
    ("annotation property", "annotation properties"), ("datatype property", "datatype properties"),
    ("data structure definition", "data structure definitions"), ("key", "keys"),
    ("box", "boxes"), ("search", "searches"),
])
def test_plural(noun: str, many: str) -> None:
    assert plural(noun) == many


def test_def_headings_are_correct_plurals(site_url: str) -> None:
    text = fetch(site_url, "/def", accept="text/html").text
    headings = re.findall(r"<h2>([^<(]+) \(\d+\)</h2>", text)
    assert {"Classes", "Object properties", "Datatype properties",
            "Annotation properties"} <= set(headings)
    assert "propertys" not in text.lower() and "classs" not in text.lower()
