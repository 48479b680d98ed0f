"""A catalogue's scorecard_title heads the scorecard in Markdown and in the terminal too."""

from __future__ import annotations

import io

from rich.console import Console

from scorepack.judge.scorecard import judge_unit
from scorepack.periods import Month
from scorepack.render.markdown import render_scorecard
from scorepack.render.table import print_scorecard


def test_the_title_is_used_for_every_unit(kent, kent_store) -> None:
    cat = kent.catalogue.model_copy(update={"scorecard_title": "Scorecard - {unit}, inc UASC"})
    card = judge_unit(cat, kent.tree, kent_store, Month(2016, 3), "east-kent")
    assert card.title == "Scorecard - East Kent, inc UASC"
    assert "## Scorecard - East Kent, inc UASC\n" in render_scorecard(card, [])
    screen = io.StringIO()
    print_scorecard(card, Console(file=screen, width=200))
    assert "Scorecard - East Kent, inc UASC - Mar 2016" in screen.getvalue()


def test_without_a_title_the_heading_is_as_before(kent, kent_store) -> None:
    card = judge_unit(kent.catalogue, kent.tree, kent_store, Month(2016, 3), "kent")
    assert card.title is None
    assert "## Scorecard - Kent\n" in render_scorecard(card, [])
