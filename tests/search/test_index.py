"""The index the build writes beside the store: one entry per thing with words, its
facets and passages, read from the graph; and what opening a missing index says."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

from jargraph.search import INDEX_FILE, IndexMissing, open_index, read_entries
from jargraph.store import current_build

SOUTHAMPTON = "https://w3id.org/jargraph/id/review/jar-southampton-2007"


@pytest.fixture(scope="module")
def entries(built_home: Path):
    store = ox.Store.read_only(str(current_build(built_home) / "oxigraph"))
    found = {e.iri: e for e in read_entries(store)}
    del store
    return found


def test_the_build_writes_the_index_beside_the_store(built_home: Path) -> None:
    folder = current_build(built_home)
    assert (folder / INDEX_FILE).is_file()
    assert (folder / "oxigraph").is_dir()


def test_a_weakness_is_an_entry_with_its_facets_and_passage(entries) -> None:
    # jar-southampton-2007.txt, the safeguarding table's "Important weaknesses" column:
    # "Insufficient action to raise public awareness of private fostering."
    [weakness] = [e for e in entries.values() if e.iri.startswith(SOUTHAMPTON)
                  and "Insufficient action to raise public awareness of private fostering."
                  in e.body]
    assert weakness.kind == "important weakness"
    assert weakness.link.startswith("/doc/review/jar-southampton-2007/finding/safeguarding/")
    facets = {name: set(values) for name, values in weakness.facets.items()}
    assert facets["area"] == {"southampton"}
    assert facets["region"] == {"South East"}
    assert facets["judgement_area"] == {"safeguarding"}
    assert facets["kind"] == {"ImportantWeakness", "Weakness", "Finding"}
    assert "private-fostering" in facets["theme"]
    assert facets["year"] == {"2007"}
    assert facets["document"] == {"jar-southampton-2007"}
    section = "https://w3id.org/jargraph/id/document/jar-southampton-2007/section/safeguarding"
    assert weakness.passages == [section]
    assert entries[section].title == ("Joint area review: Southampton Children's Services "
                                      "Authority Area, “Safeguarding”")
    assert "Southampton" in weakness.context and "Safeguarding" in weakness.context


def test_a_judgement_keeps_its_wording(entries) -> None:
    # jar-southampton-2007.txt paragraph 13: "... children at risk or requiring
    # safeguarding is adequate."
    judgement = entries[SOUTHAMPTON + "/judgement/safeguarding"]
    assert judgement.title == "Safeguarding: adequate"
    assert any("requiring safeguarding is adequate" in q for q in judgement.quoted)
    paragraphs = [p.rsplit("/", 1)[-1] for p in judgement.passages]
    assert paragraphs == ["13", "15", "grades"], "numbered paragraphs first, in order"


def test_a_passage_is_titled_by_its_document_and_paragraph(entries) -> None:
    iri = "https://w3id.org/jargraph/id/document/jar-southampton-2007/paragraph/23"
    passage = entries[iri]
    assert passage.passages == [iri]
    assert passage.title == ("Joint area review: Southampton Children's Services Authority "
                             "Area, paragraph 23")
    assert passage.body[0].startswith("There has been slow progress in raising public "
                                      "awareness of private fostering")


def test_areas_and_national_findings_are_entries(entries) -> None:
    area = entries["https://w3id.org/jargraph/id/area/leeds"]
    assert area.title == "Leeds" and area.kind == "area"
    assert set(area.facets["region"]) == {"Yorkshire and The Humber"}
    national = [e for e in entries.values() if "KeyFinding" in e.facets["kind"]]
    assert national and all(set(e.facets["document"]) <= {
        "jar-2007-08-report-on-outcomes", "narrowing-the-gap-2007"} for e in national)


def test_every_entry_has_a_page_and_no_derivation_is_one(entries) -> None:
    assert all(e.link.startswith(("/doc/", "/def")) for e in entries.values())
    assert not [e for e in entries.values() if "/source/" in e.iri]


def test_a_missing_or_foreign_index_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="jargraph build"):
        open_index(tmp_path / INDEX_FILE)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x(y)").connection.commit()
    with pytest.raises(IndexMissing, match="jargraph build"):
        open_index(other)
    (tmp_path / "garbage.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(IndexMissing, match="jargraph build"):
        open_index(tmp_path / "garbage.sqlite")


def test_the_index_is_opened_read_only(built_home: Path) -> None:
    db = open_index(current_build(built_home) / INDEX_FILE)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM things")
    db.close()
