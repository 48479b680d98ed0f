"""Children in care: indicators 19 to 27 and the looked-after activity counts."""

from __future__ import annotations

from tests.measures.kit import Records


def in_care(
    r: Records,
    child: str,
    start: str,
    end: str | None = None,
    reason: str | None = None,
    cla: str | None = None,
    entered: str | None = None,
    episode: str | None = None,
) -> None:
    r.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=episode or f"e-{child}-{start}",
        clae_person_id=child,
        clae_cla_id=cla or f"cla-{child}",
        clae_cla_episode_start_date=start,
        clae_cla_episode_ceased_date=end,
        clae_cla_episode_ceased_reason=reason,
        clae_entered_care_date=entered,
    )


def placement(
    r: Records,
    child: str,
    start: str,
    end: str | None = None,
    kind: str = "U4",
    provider: str = "PR1",
    miles: float | None = None,
) -> None:
    r.add(
        "ssd_cla_placement",
        clap_cla_placement_id=f"pl-{child}-{start}",
        clap_person_id=child,
        clap_cla_placement_start_date=start,
        clap_cla_placement_end_date=end,
        clap_cla_placement_type=kind,
        clap_cla_placement_provider=provider,
        clap_cla_placement_distance=miles,
    )


class TestThreePlacements:
    def test_placements_current_in_the_12_months(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3"):
            r.person(c, team="t1")
            in_care(r, c, "2014-01-01")
        # 12 months ending 31 March 2016 begin on 1 April 2015.
        placement(r, "c1", "2014-01-01", "2015-04-01")  # left on the first day: not current
        placement(r, "c1", "2015-04-01", "2015-10-01")
        placement(r, "c1", "2015-10-01", "2016-01-01")
        placement(r, "c1", "2016-01-01")
        placement(r, "c2", "2015-03-01", "2015-04-02")  # current on 1 April: counts
        placement(r, "c2", "2015-04-02", "2016-01-01")
        placement(r, "c2", "2016-01-01")
        placement(r, "c3", "2014-01-01", "2015-06-01")
        placement(r, "c3", "2015-06-01")
        assert r.result("cic-3-placements-12m", "2016-03") == (2, 3)


class TestSamePlacementTwoYears:
    def test_under_16_in_care_two_and_a_half_years(self) -> None:
        r = Records()
        r.person("c1", dob="2005-01-01", team="t1")
        # Two episodes of one period of care that began 30 months before 31 March 2016.
        in_care(r, "c1", "2013-09-30", "2015-01-01", reason="X1", entered="2013-09-30")
        in_care(r, "c1", "2015-01-01", entered="2013-09-30")
        placement(r, "c1", "2014-03-31")  # exactly 2 years
        r.person("c2", dob="2005-01-01", team="t1")
        in_care(r, "c2", "2013-10-01")  # a day short of 30 months: left out
        placement(r, "c2", "2013-10-01")
        r.person("c3", dob="2000-03-31", team="t1")  # 16 on the month end: left out
        in_care(r, "c3", "2012-01-01")
        placement(r, "c3", "2012-01-01")
        r.person("c4", dob="2005-01-01", team="t1")
        in_care(r, "c4", "2012-01-01")
        placement(r, "c4", "2014-04-01")  # a day short of 2 years
        r.person("c5", dob="2000-04-01", team="t1")  # still 15
        in_care(r, "c5", "2012-01-01")
        placement(r, "c5", "2012-01-01")
        assert r.result("cic-same-placement-2y", "2016-03") == (2, 3)


class TestOwnFosterCare:
    def test_own_carers_and_family_and_friends_among_foster_placements(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3", "c4"):
            r.person(c, team="t1")
            in_care(r, c, "2015-01-01")
        r.person("c5", team="t1", uasc_from="2015-01-01")
        in_care(r, "c5", "2015-01-01")
        placement(r, "c1", "2015-01-01", kind="U1", provider="PR4")
        placement(r, "c2", "2015-01-01", kind="U4", provider="PR1")
        placement(r, "c3", "2015-01-01", kind="U5", provider="PR4")
        placement(r, "c4", "2015-01-01", kind="K2", provider="PR1")  # not foster care
        placement(r, "c5", "2015-01-01", kind="U4", provider="PR4")
        got = r.run("cic-kcc-foster-care", "2016-03")
        assert got[("county", "2016-03", "all")] == (2, 4)
        assert got[("county", "2016-03", "excl-uasc")] == (2, 3)


class TestWithin20Miles:
    def test_uasc_and_unknown_distances_are_left_out(self) -> None:
        r = Records()
        for c, miles in (("c1", 10.0), ("c2", 20.0), ("c3", 20.5), ("c4", None)):
            r.person(c, team="t1")
            in_care(r, c, "2015-01-01")
            placement(r, c, "2015-01-01", miles=miles)
        r.person("c5", team="t1", uasc_from="2015-01-01")
        in_care(r, "c5", "2015-01-01")
        placement(r, "c5", "2015-01-01", miles=5.0)
        got = r.run("cic-within-20-miles", "2016-03")
        assert got[("county", "2016-03", "all")] == (2, 3)
        assert got[("county", "2016-03", "excl-uasc")] == (2, 3)


def review(
    r: Records,
    rid: str,
    cla: str,
    due: str | None,
    held: str | None,
    code: str | None = "PN1",
    cancelled: str | None = None,
) -> None:
    r.add(
        "ssd_cla_reviews",
        clar_cla_review_id=rid,
        clar_cla_id=cla,
        clar_cla_review_due_date=due,
        clar_cla_review_date=held,
        clar_cla_review_participation=code,
        clar_cla_review_cancelled=cancelled,
    )


class TestReviewParticipation:
    def test_pn1_to_pn6_of_pn1_to_pn7(self) -> None:
        r = Records().person("c1", team="t1")
        in_care(r, "c1", "2015-01-01", cla="cla1")
        review(r, "r1", "cla1", None, "2015-04-01", "PN1")
        review(r, "r2", "cla1", None, "2016-03-31", "PN6")
        review(r, "r3", "cla1", None, "2015-10-01", "PN7")
        review(r, "r4", "cla1", None, "2015-10-02", "PN0")  # under 4
        review(r, "r5", "cla1", None, "2015-10-03", "PN1", cancelled="Y")
        review(r, "r6", "cla1", None, "2015-03-31", "PN1")  # last year
        assert r.result("cic-review-participation", "2016-03") == (2, 3)


class TestReviewsInTime:
    def test_every_review_of_the_current_period_of_care(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3", "c4"):
            r.person(c, team="t1")
            in_care(r, c, "2015-06-01", cla=f"cla-{c}")
        review(r, "r1", "cla-c1", "2016-01-10", "2016-01-09")
        review(r, "r2", "cla-c1", "2016-03-31", "2016-03-31")
        review(r, "r3", "cla-c2", "2016-03-01", "2016-03-02")  # a day late
        review(r, "r4", "cla-c3", "2016-03-01", None, cancelled="Y")
        in_care(r, "c4", "2014-01-01", "2014-06-01", cla="old-c4")
        review(r, "r5", "old-c4", "2014-03-01", "2014-04-01")  # an earlier period of care
        # c3 (only a cancelled review) and c4 (none in this period of care) entered
        # care on 1 June 2015: their first review fell due 20 working days later and
        # was not held, so both count as missed.
        assert r.result("cic-reviews-in-time", "2016-03") == (1, 4)


class TestHealthAndDental:
    def build(self) -> Records:
        r = Records()
        for c, start in (
            ("c1", "2015-03-31"),
            ("c2", "2014-01-01"),
            ("c3", "2015-04-01"),
            ("c4", "2014-01-01"),
        ):
            r.person(c, team="t1")
            in_care(r, c, start)
        checks = [
            ("c1", "Dental Check", "2015-04-01", "Completed"),
            ("c1", "Health Assessment", "2016-03-31", "Completed"),
            ("c2", "Dental Check", "2015-03-31", "Completed"),  # 12 months ago: too old
            ("c2", "health assessment", "2015-06-01", None),  # no status: not completed
            ("c4", "Dental Check", "2016-01-01", "Planned"),
        ]
        for n, (c, kind, day, status) in enumerate(checks):
            r.add(
                "ssd_cla_health",
                clah_health_check_id=f"h{n}",
                clah_person_id=c,
                clah_health_check_type=kind,
                clah_health_check_date=day,
                clah_health_check_status=status,
            )
        return r

    def test_dental_checks_in_the_last_12_months(self) -> None:
        # c3 has been in care for less than 12 months and is left out.
        assert self.build().result("cic-dental-checks", "2016-03") == (1, 3)

    def test_health_assessments_in_the_last_12_months(self) -> None:
        assert self.build().result("cic-health-assessments", "2016-03") == (1, 3)


class TestSameWorker:
    def test_allocated_to_the_same_worker_for_12_months(self) -> None:
        r = Records().person("c1").person("c2").person("c3")
        for c, start in (("c1", "2014-01-01"), ("c2", "2014-09-30"), ("c3", "2014-10-01")):
            in_care(r, c, start)
        r.allocate("c1", "t1", "2015-03-31", worker="w1")
        r.allocate("c2", "t1", "2014-09-30", "2015-04-01", worker="w1")
        r.allocate("c2", "t3", "2015-04-01", worker="w2")  # changed team and worker
        r.allocate("c3", "t1", "2014-10-01", worker="w1")
        got = r.run("cic-same-worker-12m", "2016-03")
        assert got[("county", "2016-03", "all")] == (1, 2)
        assert got[("t1", "2016-03", "all")] == (1, 1)
        assert got[("t3", "2016-03", "all")] == (0, 1)


class TestLookedAfterActivity:
    def test_stock_starts_and_ends_ignore_x1_changes(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1", uasc_from="2016-03-01")
        in_care(r, "c1", "2016-01-01", "2016-03-10", reason="X1")
        in_care(r, "c1", "2016-03-10")
        in_care(r, "c2", "2016-03-05", "2016-03-25", reason="E4A")  # in and out in March
        r.person("c3", team="t2", uasc_from="2015-01-01")
        in_care(r, "c3", "2015-01-01")
        assert r.result("lac", "2016-03") == (2, None)
        assert r.result("uasc-lac", "2016-03") == (1, None)
        assert r.result("lac-starts", "2016-03") == (1, None)
        assert r.result("lac-ends", "2016-03") == (1, None)
        assert r.result("lac-starts", "2016-01") == (1, None)
