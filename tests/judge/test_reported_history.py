"""Past months come from what was reported first, from the figures only where nothing was."""

from __future__ import annotations

from scorepack.judge.model import Result, TrendPoint
from scorepack.judge.scorecard import judge_row
from scorepack.periods import Month
from scorepack.publish.repository import PublishedHistory

MAR, FEB, OUTTURN = Month(2016, 3), Month(2016, 2), Month(2015, 3)
IND = "cfa-within-45wd"


def row(kent, kent_store, history=None):  # type: ignore[no-untyped-def]
    cat = kent.catalogue
    return judge_row(cat, cat.indicator(IND), kent_store, "kent", MAR, history)


def test_without_a_history_previous_and_outturn_are_computed(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    r = row(kent, kent_store)
    assert (r.previous_source, r.outturn_source) == ("computed", "computed")
    assert r.previous is not None and r.previous.display == "89.5%"


def test_a_published_previous_month_is_taken_as_it_was_reported(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    published = TrendPoint(Result(FEB, 95.0, "95.0%"), 90.0, "G")
    r = row(kent, kent_store, PublishedHistory({(IND, "kent", FEB): published}))
    assert (r.previous_source, r.outturn_source) == ("published", "computed")
    assert r.previous == published.result
    assert r.dot_previous == "worse"  # March is below the 95.0% February reported
    assert next(p for p in r.trend if p.result.period == FEB) == published


def test_a_published_outturn_is_taken_too(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    published = TrendPoint(Result(OUTTURN, 80.0, "80.0%"), None, None)
    r = row(kent, kent_store, PublishedHistory({(IND, "kent", OUTTURN): published}))
    assert (r.previous_source, r.outturn_source) == ("computed", "published")
    assert r.outturn == published.result and r.dot_outturn == "improved"


def test_months_with_no_figure_and_no_publication_have_no_source(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    cat = kent.catalogue
    r = judge_row(cat, cat.indicator(IND), kent_store, "kent", Month(2014, 3))
    assert (r.previous, r.previous_source, r.outturn_source) == (None, None, None)
