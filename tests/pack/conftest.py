"""Fixtures: a hand-made month of judged results and the pack built from it."""

from __future__ import annotations

import pytest

from scorepack.pack.build import build_pack
from scorepack.pack.commentary import CommentaryBook
from scorepack.pack.model import Pack

from . import sample


@pytest.fixture(scope="session")
def cards():
    return sample.scorecards()


@pytest.fixture(scope="session")
def pack(cards) -> Pack:
    return build_pack(
        sample.CATALOGUE, sample.TREE, cards, sample.activity(), None, sample.PRODUCED
    )


@pytest.fixture(scope="session")
def hostile_pack(cards) -> Pack:
    book = CommentaryBook({("pf-initial-visit", "kent", sample.PERIOD): sample.HOSTILE})
    return build_pack(
        sample.CATALOGUE, sample.TREE, cards, sample.activity(), book, sample.PRODUCED
    )


@pytest.fixture(scope="session")
def kent_cards(kent, kent_store):
    """The reference month from the Kent preset: the county and its areas."""
    from scorepack.judge.scorecard import judge_unit

    units = [u.id for u in kent.tree.walk() if u.kind in ("county", "area")]
    return [judge_unit(kent.catalogue, kent.tree, kent_store, sample.PERIOD, u) for u in units]


@pytest.fixture(scope="session")
def kent_pack(kent, kent_store, kent_cards) -> Pack:
    from scorepack.judge.activity import activity_table

    table = activity_table(kent.catalogue, kent.tree, kent_store, sample.PERIOD)
    return build_pack(kent.catalogue, kent.tree, kent_cards, table, None, sample.PRODUCED)
