"""Shared state of one simulation run and the small helpers every journey uses.

A :class:`Child` collects the spans during which a team holds its case; when the child's
story is finished, :meth:`Sim.write_involvements` turns them into ``ssd_involvements`` rows,
giving each span a worker in post and changing worker when that worker leaves or when the
case is re-allocated for another reason.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from . import config as C
from .staff import Staff, Unit
from .store import Store
from .workdays import WorkCalendar

END = C.EXTRACT_END.toordinal()
VISITS_FROM = C.VISITS_FROM.toordinal()
YEAR = 365.25


@dataclass
class Child:
    """One child (or unborn baby) and the teams that held their case."""

    pid: int
    dob: int
    home: str  # the team a new referral goes to
    area: str
    cic: str  # the children-in-care team of the home area
    risk: float = 1.0
    disabled: bool = False
    uasc: bool = False
    prior_cp: int = 0
    care_leaver: bool = False
    icpc: int | None = None  # conference behind the next CP plan
    uasc_cic: str = ""
    placed_adoption: int | None = None  # day placed for adoption in the current period
    adopter_is_carer: bool = False  # placed for adoption with the foster carers
    spans: list[list] = field(default_factory=list)  # [start, end|None, team, unallocated_days]
    roles: list[tuple[str, str, int, int | None]] = field(default_factory=list)
    """Involvements beside the social worker's: (role, team, start, end)."""

    def age(self, day: int) -> float:
        """Age in years on ``day`` (negative before birth)."""
        return (day - self.dob) / YEAR

    def birthday(self, years: int) -> int:
        """Ordinal of the ``years``-th birthday."""
        d = date.fromordinal(self.dob)
        try:
            return date(d.year + years, d.month, d.day).toordinal()
        except ValueError:  # 29 February
            return date(d.year + years, 3, 1).toordinal()


class Sim:
    """Random source, calendar, organisation and output buffers of one run."""

    def __init__(
        self,
        seed: int,
        scale: float,
        units: dict[str, Unit],
        staff: Staff,
        store: Store,
        cal: WorkCalendar,
        rng: random.Random,
    ) -> None:
        self.seed = seed
        self.scale = scale
        self.units = units
        self.staff = staff
        self.store = store
        self.cal = cal
        self.rng = rng
        self.new_id = store.next_id
        self.pools: dict[str, list[int]] = {}
        for role, size in C.ROLE_POOL.items():
            workers = [store.next_id("worker") for _ in range(max(2, round(size * scale)))]
            for wid in workers:
                store["ssd_professionals"].add(prof_professional_id=wid)
            self.pools[role] = workers

    # -- random helpers -----------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.rng.random() < p

    def days(self, lo: int, hi: int) -> int:
        """A whole number of days uniformly in ``[lo, hi]``."""
        return lo + int(self.rng.random() * (hi - lo + 1))

    def expo(self, mean: float) -> int:
        """An exponential waiting time in whole days with the given mean."""
        return int(-mean * math.log(1.0 - self.rng.random()))

    def lognormal(self, median: float, sigma: float) -> int:
        """A log-normal duration in days with the given median."""
        return int(median * math.exp(sigma * self.rng.gauss(0.0, 1.0)))

    def pick(self, weighted: Sequence[tuple[str, float]]) -> str:
        """A code drawn from ``(code, weight)`` pairs."""
        u = self.rng.random() * sum(w for _, w in weighted)
        for code, w in weighted:
            u -= w
            if u < 0:
                return code
        return weighted[-1][0]

    @staticmethod
    def fy(day: int) -> int:
        """Start year of the financial year containing ``day``."""
        d = date.fromordinal(day)
        return d.year if d.month >= 4 else d.year - 1

    @staticmethod
    def known(day: int | None) -> int | None:
        """``day`` if it is on or before the extract date, else None (not yet happened)."""
        return day if day is not None and day <= END else None

    # -- case holding --------------------------------------------------------------------------

    def hold(
        self, child: Child, team: str, start: int, end: int | None, unallocated: int = 0
    ) -> None:
        """Record that ``team`` holds the child's case from ``start`` to ``end``."""
        if start > END or (end is not None and end <= start):
            return
        if end is not None and end > END:
            end = None
        last = child.spans[-1] if child.spans else None
        if last and last[2] == team and last[1] is not None and last[1] >= start:
            last[1] = end if end is None else max(end, last[1])
            return
        if last and (last[1] is None or last[1] > start):
            last[1] = start  # the new team takes over
            if last[1] <= last[0]:
                child.spans.pop()
        child.spans.append([start, end, team, unallocated])

    def write_involvements(self, child: Child) -> None:
        """Turn the child's spans into allocation rows (one per worker)."""
        buf = self.store["ssd_involvements"]
        rng = self.rng
        for start, end, team, unalloc in child.spans:
            unit = self.units[team]
            stop = END if end is None else end
            role = C.PA_ROLE if unit.kind == "leaving" else C.SOCIAL_WORKER_ROLE
            cur = start
            if unalloc:  # waiting for a worker: no allocation at all yet
                cur = min(cur + unalloc, stop)
                if cur >= stop and end is not None:
                    continue
            rate = (
                C.WORKER_CHANGE.get(unit.area or "", C.WORKER_CHANGE_OTHER)
                if unit.kind == "cic"
                else C.WORKER_CHANGE_OTHER
            )
            while cur < stop or (cur == stop and end is None and cur == start):
                worker, leaves = self.staff.pick(team, cur)
                change = cur + 1 + int(-YEAR / rate * math.log(1.0 - rng.random()))
                nxt = min(leaves, change, stop)
                closed = nxt < stop or end is not None
                buf.add(
                    invo_involvements_id=self.new_id("invo"),
                    invo_person_id=child.pid,
                    invo_professional_id=worker,
                    invo_professional_team=team,
                    invo_involvement_start_date=cur,
                    invo_involvement_end_date=nxt if closed else None,
                    invo_professional_role_id=role,
                )
                if nxt <= cur:
                    break
                cur = nxt
        child.spans.clear()
        for role, team, start, end in child.roles:
            if start > END or (end is not None and end <= start):
                continue
            pool = self.pools.get(role)
            if pool:
                worker = pool[int(rng.random() * len(pool))]
            else:
                worker, _leaves = self.staff.pick(team, start)
            buf.add(
                invo_involvements_id=self.new_id("invo"),
                invo_person_id=child.pid,
                invo_professional_id=worker,
                invo_professional_team=team,
                invo_involvement_start_date=start,
                invo_involvement_end_date=self.known(end),
                invo_professional_role_id=role,
            )
        child.roles.clear()
