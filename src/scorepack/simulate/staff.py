"""The organisation: units, posts, the workers who fill them and foster carer households.

Each team has a fixed number of caseholding posts sized to its expected caseload.  A post
is filled by a succession of workers (permanent or agency, each with a tenure) separated
by vacancies; a case allocated to a team is given a worker in post on that day, and is
re-allocated when that worker leaves.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from . import config as C
from .store import Store

FIRST_NAMES = (
    "Amy",
    "Ben",
    "Chloe",
    "Dan",
    "Ella",
    "Femi",
    "Grace",
    "Hassan",
    "Imogen",
    "Jack",
    "Kate",
    "Liam",
    "Maya",
    "Nadia",
    "Owen",
    "Priya",
    "Rosa",
    "Sam",
    "Tom",
    "Zoe",
)
LAST_NAMES = (
    "Adams",
    "Baker",
    "Clarke",
    "Davies",
    "Evans",
    "Foster",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morris",
    "Novak",
    "Owusu",
    "Patel",
    "Reid",
    "Shaw",
    "Turner",
    "Walsh",
)


@dataclass
class Unit:
    """A team or higher unit of the hierarchy."""

    id: str
    name: str
    parent: str | None
    kind: str  # county, area, district, cic, disability, suasc, adoption, duty, leaving, ...
    area: str | None = None
    cases: float = 0.0  # expected open cases at scale 1


@dataclass
class Post:
    """A caseholding post and the workers who held it, in time order."""

    id: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    workers: list[int] = field(default_factory=list)


TEAM_TYPE = {
    "district": "assessment-intervention",
    "cic": "children-in-care",
    "disability": "disability",
    "suasc": "uasc",
    "leaving": "care-leavers",
    "adoption": "adoption",
    "duty": "other",
    "fostering": "fostering",
}


def build_units() -> dict[str, Unit]:
    """The county, its four areas and every team, keyed by unit id."""
    units: dict[str, Unit] = {}

    def add(
        name: str, parent: str | None, kind: str, area: str | None = None, cases: float = 0.0
    ) -> None:
        units[C.slug(name)] = Unit(C.slug(name), name, parent, kind, area, cases)

    units[C.COUNTY[0]] = Unit(C.COUNTY[0], C.COUNTY[1], None, "county")
    for aid, aname in C.AREAS.items():
        units[aid] = Unit(aid, aname, C.COUNTY[0], "area", aid)
    total_share = sum(v[1] for v in C.DISTRICTS.values())
    for name, (area, share, _cp, _cic) in C.DISTRICTS.items():
        add(name, area, "district", area, 4600 * share / total_share)
    for name, area in C.CIC_TEAMS.items():
        add(name, area, "cic", area, C.TEAM_CASES["cic"])
    add(C.DISABILITY_SERVICE, C.COUNTY[0], "disability")
    for name in C.DISABILITY_TEAMS:
        add(name, C.slug(C.DISABILITY_SERVICE), "disability", None, C.TEAM_CASES["disability"])
    kinds = {
        C.SUASC: "suasc",
        C.ADOPTION: "adoption",
        C.DUTY: "duty",
        C.LEAVING_CARE: "leaving",
        C.FOSTERING: "fostering",
    }
    for name, kind in kinds.items():
        add(name, C.COUNTY[0], kind, None, C.TEAM_CASES[kind])
    return units


class Staff:
    """Posts and workers of every caseholding team, and the picker used to allocate cases."""

    def __init__(
        self, units: dict[str, Unit], rng: random.Random, store: Store, scale: float
    ) -> None:
        self.rng = rng
        self.store = store
        self.posts: dict[str, list[Post]] = {}
        self._agency: dict[int, tuple[bool, float]] = {}
        start = C.LEGACY_START.toordinal() - 3 * 365
        end = C.EXTRACT_END.toordinal()
        surge = date(2015, 9, 1).toordinal()
        for unit in units.values():
            if unit.cases <= 0:
                continue
            n = max(2, round(unit.cases * scale / C.TARGET_CASELOAD[unit.kind] * 1.04))
            posts = [self._fill(start, end) for _ in range(n)]
            if unit.kind == "suasc":  # extra posts funded for the 2015 surge
                posts += [self._fill(surge, end) for _ in range(n)]
            self.posts[unit.id] = posts
            self._write_posts(unit.id, posts, start)

    def _fill(self, start: int, end: int) -> Post:
        """A post filled from ``start`` by successive workers with vacancies between them."""
        rng = self.rng
        post = Post(self.store.next_id("post"))
        t = start + int(rng.random() * 200)
        while t < end:
            year = date.fromordinal(t).year
            agency = rng.random() < min(0.55, max(0.3, 0.35 + 0.03 * (year - 2010)))
            tenure = rng.expovariate(1 / (330 if agency else 1500))
            wid = self.store.next_id("worker")
            post.starts.append(t)
            post.ends.append(int(t + 30 + tenure))
            post.workers.append(wid)
            fte = rng.choices((1.0, 0.8, 0.6), (0.85, 0.1, 0.05))[0]
            self._agency[wid] = (agency, fte)
            t = int(t + 30 + tenure + rng.expovariate(1 / 40))
        return post

    def _write_posts(self, team: str, posts: list[Post], start: int) -> None:
        est = self.store["ext_establishment"]
        asg = self.store["ext_staff_assignments"]
        prof = self.store["ssd_professionals"]
        end = C.EXTRACT_END.toordinal()
        rng = self.rng
        for post in posts:
            est.add(
                estp_post_id=post.id,
                estp_team_id=team,
                estp_fte=1.0,
                estp_caseholding="Y",
                estp_start_date=post.starts[0] if post.starts else start,
                estp_end_date=None,
            )
            for s, e, wid in zip(post.starts, post.ends, post.workers, strict=True):
                agency, fte = self._agency[wid]
                prof.add(
                    prof_professional_id=wid,
                    prof_professional_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                )
                asg.add(
                    stfa_assignment_id=self.store.next_id("assignment"),
                    stfa_professional_id=wid,
                    stfa_team_id=team,
                    stfa_start_date=s,
                    stfa_end_date=e if e <= end else None,
                    stfa_fte=fte,
                    stfa_agency="Y" if agency else "N",
                    stfa_qualified="Y" if agency or rng.random() > 0.03 else "N",
                    stfa_caseholding="Y",
                )

    def pick(self, team: str, day: int) -> tuple[int | None, int]:
        """A worker in post in ``team`` on ``day`` and the day they leave (None if none found)."""
        posts = self.posts.get(team)
        if not posts:
            return None, day + 3650
        rng = self.rng
        for _ in range(12):
            post = posts[int(rng.random() * len(posts))]
            i = bisect_right(post.starts, day) - 1
            if i >= 0 and post.ends[i] > day:
                return post.workers[i], post.ends[i]
        return None, day + 14


def write_units(units: dict[str, Unit], store: Store) -> None:
    """Rows of ``ssd_department`` (with parentage) and ``ext_team_type``."""
    dept = store["ssd_department"]
    types = store["ext_team_type"]
    for u in units.values():
        dept.add(dept_team_id=u.id, dept_team_name=u.name, dept_team_parent_id=u.parent)
        types.add(
            etty_team_id=u.id,
            etty_team_type=TEAM_TYPE.get(u.kind),
            etty_unit_kind=unit_kind(u, units),
        )


def unit_kind(unit: Unit, units: dict[str, Unit]) -> str:
    """As in the preset's units file: county, area, service (county-wide) or team."""
    if unit.kind in ("county", "area"):
        return unit.kind
    parent = units.get(unit.parent or "")
    return "service" if parent is not None and parent.kind == "county" else "team"


def write_fostering(staff: Staff, rng: random.Random, store: Store, scale: float) -> None:
    """Foster carer households and their supervising social workers over time."""
    team = C.slug(C.FOSTERING)
    buf = store["ext_fostering_allocations"]
    end = C.EXTRACT_END.toordinal()
    first = C.LEGACY_START.toordinal()
    households: list[tuple[int, int]] = []  # (approved, deregistered)
    for _ in range(round(840 * scale)):  # households already approved in 1998
        households.append(
            (first - int(rng.random() * 2500), first + int(rng.expovariate(1 / 2600)))
        )
    t = first
    while t < end:  # new approvals, about 125 a year at scale 1
        t += int(rng.expovariate(125 * scale / 365)) + 1
        households.append((t, t + int(rng.expovariate(1 / 2600))))
    for hh, (s, e) in enumerate(households, start=1):
        cur = max(s, first)
        while cur < min(e, end):
            worker, leaves = staff.pick(team, cur)
            nxt = min(e, leaves, cur + int(rng.expovariate(1 / 900)) + 30)
            buf.add(
                fosa_allocation_id=store.next_id("fosa"),
                fosa_household_id=hh,
                fosa_professional_id=worker,
                fosa_team_id=team,
                fosa_start_date=cur,
                fosa_end_date=nxt if nxt <= end else None,
            )
            cur = nxt
