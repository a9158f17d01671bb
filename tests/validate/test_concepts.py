"""The schemes' concepts, and the closest to a misspelt one."""

from __future__ import annotations

from jargraph.validate.concepts import closest, concepts, is_concept_iri, kinds

ID = "https://w3id.org/jargraph/id/"


def test_every_kind_of_concept_is_known() -> None:
    assert {"grade", "judgement-area", "scope", "timeframe", "methodology", "service",
            "addressee", "theme", "measure", "inspectorate", "scheme"} <= kinds()
    assert ID + "grade/good" in concepts()
    assert ID + "scheme/grades" in concepts()


def test_only_a_kind_and_one_key_is_named_like_a_concept() -> None:
    assert is_concept_iri(ID + "grade/excelent")
    assert not is_concept_iri(ID + "methodology/2005/grade/1")
    assert not is_concept_iri(ID + "area/leeds")


def test_the_closest_by_label_then_by_spelling() -> None:
    assert closest(ID + "grade/excellent") == [ID + "grade/outstanding"]  # a label of grade 4
    assert closest(ID + "grade/satisfactory") == [ID + "grade/adequate"]
    assert closest(ID + "timeframe/within-6-months")[0] == ID + "timeframe/within-six-months"
    assert closest(ID + "grade/nonsense-words") == []
