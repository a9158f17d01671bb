"""Matching text against a scheme: a label's apostrophe matches a straight or a curly one,
as reports are typed either way."""

from __future__ import annotations

from jargraph.encode import matcher
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
