"""Private fostering: indicators 8 to 10 and the PF cases activity count."""

from __future__ import annotations

from tests.measures.kit import Records


def notification(r: Records, nid: str, child: str, notified: str, visited: str | None) -> None:
    r.add(
        "ext_pf_notifications",
        pfn_notification_id=nid,
        pfn_person_id=child,
        pfn_notification_date=notified,
        pfn_initial_visit_date=visited,
    )


def arrangement(
    r: Records,
    aid: str,
    child: str,
    start: str,
    end: str | None = None,
    visits: tuple[str, ...] = (),
) -> None:
    r.add(
        "ext_pf_arrangements",
        pfa_arrangement_id=aid,
        pfa_person_id=child,
        pfa_start_date=start,
        pfa_end_date=end,
    )
    for n, day in enumerate(visits):
        r.add(
            "ext_pf_visits", pfv_visit_id=f"{aid}-v{n}", pfv_arrangement_id=aid, pfv_visit_date=day
        )


class TestInitialVisitWithin7Days:
    def test_seventh_day_is_in_time_and_eighth_is_not(self) -> None:
        r = Records().person("c1", team="t1")
        notification(r, "n1", "c1", "2016-03-01", "2016-03-08")
        notification(r, "n2", "c1", "2016-03-02", "2016-03-10")
        notification(r, "n3", "c1", "2016-03-20", None)  # due 27 March, not visited
        notification(r, "n4", "c1", "2016-03-28", None)  # due 4 April: next year
        assert r.result("pf-initial-visit-7d", "2016-03") == (1, 3)

    def test_due_date_decides_the_year(self) -> None:
        r = Records().person("c1", team="t1")
        notification(r, "n1", "c1", "2015-03-28", "2015-03-30")  # due 4 April 2015
        assert r.result("pf-initial-visit-7d", "2015-04") == (1, 1)
        assert r.result("pf-initial-visit-7d", "2015-03") == (0, 0)


class TestNewArrangementVisits:
    def test_visits_within_six_weeks_of_the_last(self) -> None:
        r = Records().person("c1", team="t1")
        # Starts 1 Jan 2016: 31 Jan is 30 days on (in time), 14 Mar is 43 days after
        # 31 Jan (late).  At 31 March the last visit is 17 days old: nothing overdue.
        arrangement(r, "a1", "c1", "2016-01-01", visits=("2016-01-31", "2016-03-14"))
        assert r.result("pf-new-visits-6w", "2016-03") == (1, 2)

    def test_an_overdue_visit_counts_as_missed(self) -> None:
        r = Records().person("c1", team="t1")
        # Started 1 Feb 2016, never visited: 59 days at 31 March, over 42.
        arrangement(r, "a1", "c1", "2016-02-01")
        assert r.result("pf-new-visits-6w", "2016-03") == (0, 1)
        # At 29 February it was 28 days old: not yet due.
        assert r.result("pf-new-visits-6w", "2016-02") == (0, 0)

    def test_arrangements_from_before_1_april_are_not_new(self) -> None:
        r = Records().person("c1", team="t1")
        arrangement(r, "a1", "c1", "2015-03-31", visits=("2015-04-20",))
        assert r.result("pf-new-visits-6w", "2015-04") == (0, 0)
        assert r.result("pf-existing-visits", "2015-04") == (1, 1)


class TestExistingArrangementVisits:
    def test_visits_within_twelve_weeks_of_the_last(self) -> None:
        r = Records().person("c1", team="t1")
        # Running since 1 March 2014, so past its first year (6-weekly visits) by
        # 1 March 2015.  Visits: 1 Mar 2015 (last year), 24 May 2015 (84 days,
        # in time), 17 Aug 2015 (85 days, late), 1 Oct 2015 (in time).
        arrangement(
            r,
            "a1",
            "c1",
            "2014-03-01",
            visits=("2015-03-01", "2015-05-24", "2015-08-17", "2015-10-01"),
        )
        assert r.result("pf-existing-visits", "2015-10") == (2, 3)
        # By 31 March 2016 the last visit is 182 days old: one more, overdue.
        assert r.result("pf-existing-visits", "2016-03") == (2, 4)

    def test_ended_arrangements_are_not_overdue(self) -> None:
        r = Records().person("c1", team="t1")
        arrangement(
            r, "a1", "c1", "2014-06-01", end="2015-05-01", visits=("2015-03-01", "2015-04-10")
        )
        assert r.result("pf-existing-visits", "2016-03") == (1, 1)


class TestPfCases:
    def test_children_in_an_arrangement_at_month_end(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t3")
        arrangement(r, "a1", "c1", "2016-03-31")  # starts on the last day: counted
        arrangement(r, "a2", "c2", "2016-01-01", end="2016-03-31")  # ended: not
        got = r.run("pf-cases", "2016-03", "2016-02")
        assert got[("county", "2016-03", "all")] == (1, None)
        assert got[("county", "2016-02", "all")] == (1, None)
        assert got[("t3", "2016-02", "all")] == (1, None)
