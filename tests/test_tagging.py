"""Matching text against a scheme: a label's apostrophe matches a straight or a curly one,
as reports are typed either way, and a rule is searched only in texts it can match."""

from __future__ import annotations

import re

from jargraph.encode import matcher
from jargraph.tagging import literal_start
from jargraph.vocab import ID

DEPARTMENT = f"{ID}addressee/childrens-services-department"


def test_labels_match_curly_and_straight_apostrophes() -> None:
    addressees = matcher("addressees")
    for written in ("The Children's Services Department",
                    "The Children\u2019s Services Department",
                    "the children\u2018s services department"):
        assert str(addressees.match_whole(written)) == DEPARTMENT, written
        assert str(addressees.best(f"{written}, in partnership with schools")) == DEPARTMENT
    assert addressees.match_whole("The Childrens Services Department") is None


def test_a_rule_is_searched_only_in_texts_that_hold_its_start() -> None:
    assert literal_start(re.compile(r"\badopt(ed|ers|ive)\b", re.I)) == "adopt"
    assert literal_start(re.compile(r"(?<![\w-])Children['’]s\s+Centres?", re.I)) == "children"
    assert literal_start(re.compile(r"^(one )?sixth forms?$", re.I)) is None
    assert literal_start(re.compile(r"\b(initial|core) assessments?\b", re.I)) is None


def test_case_insensitive_rules_still_match_letters_that_fold_to_ascii() -> None:
    # Python's case-insensitive matching takes the long s for an s; lower-casing does
    # not, so such a text is searched with every rule.
    services = matcher("services")
    social_care = [f"{ID}service/childrens-social-care"]
    assert [str(c) for c in services.match("Social care staff are skilled.")] == social_care
    assert [str(c) for c in services.match("\u017focial care staff are skilled.")] == social_care
