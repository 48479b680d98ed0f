"""Runs the whole simulation: who arrives when, each child's story, then the files.

Three streams of children arrive: a *legacy* cohort who came into care before the full
simulation starts (so that long-staying children are present in 2010), *new* children
referred for the first time (seasonal, by financial year), and unaccompanied asylum
seeking children (UASC), whose arrivals follow a monthly schedule with the 2015 surge.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import config as C
from .context import END, Child, Sim
from .journey import referral
from .owners import UNITS_FILE, units_csv
from .quality import audits, private_fostering
from .staff import Staff, build_units, write_fostering, write_units
from .store import Store
from .summary import headline
from .workdays import WorkCalendar

AUTHORITY_FILE = "authority.yaml"
"""Which authority the extract stands for (read by ``scorepack reconcile``)."""

Progress = Callable[[str, int, int], None]


@dataclass
class SimSummary:
    """What a simulation wrote and its headline figures at the extract date."""

    out_dir: Path
    seed: int
    scale: float
    fmt: str
    rows: dict[str, int]
    seconds: float
    children: int
    headline: dict[str, float] = field(default_factory=dict)


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (normal approximation for large means)."""
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _arrivals(sim: Sim) -> list[tuple[int, str]]:
    """(day, stream) of every child's first contact, in time order."""
    rng, cal, scale = sim.rng, sim.cal, sim.scale
    out: list[tuple[int, str]] = []
    day = C.LEGACY_START
    while day < C.FULL_START:
        o = day.toordinal()
        if cal.is_working(o):
            out.extend((o, "legacy") for _ in range(_poisson(rng, C.LEGACY_CARE_PER_DAY * scale)))
        day += timedelta(days=1)
    while day <= C.EXTRACT_END:
        o = day.toordinal()
        fy = day.year if day.month >= 4 else day.year - 1
        lam = C.NEW_CHILDREN_PER_WORKING_DAY * scale * C.FY_DEMAND.get(fy, 1.0)
        lam *= C.MONTH_FACTOR[day.month]
        if not cal.is_working(o):
            lam *= C.NON_WORKING_DAY_FACTOR
        if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 2):
            lam *= C.CHRISTMAS_FACTOR
        out.extend((o, "new") for _ in range(_poisson(rng, lam)))
        day += timedelta(days=1)
    month = date(C.FULL_START.year, C.FULL_START.month, 1)
    while month <= C.EXTRACT_END:
        if month < date(2015, 4, 1):
            per_month = C.UASC_BASE.get(month.year if month.month >= 4 else month.year - 1, 20)
        else:
            per_month = C.UASC_2015.get(month.month + (12 if month.year == 2016 else 0), 30)
        nxt = (month + timedelta(days=32)).replace(day=1)
        span = (nxt - month).days
        for _ in range(_poisson(rng, per_month * scale)):
            out.append((month.toordinal() + int(rng.random() * span), "uasc"))
        month = nxt
    out.sort()
    return out


_AGE_NEW = ((-1, 0.04), (0, 0.10), (1, 0.20), (5, 0.26), (10, 0.31), (16, 0.09))
_AGE_CARE = ((0, 0.20), (1, 0.18), (5, 0.20), (10, 0.34), (16, 0.08))
_AGE_SPAN = {-1: 0, 0: 1, 1: 4, 5: 5, 10: 6, 16: 2}


def _new_child(sim: Sim, day: int, stream: str, districts: list[tuple[str, float]]) -> Child:
    """A child arriving on ``day``: birth date, home team and propensities."""
    rng = sim.rng
    if stream == "uasc":
        years = sim.pick(
            (("12", 0.02), ("13", 0.03), ("14", 0.08), ("15", 0.16), ("16", 0.35), ("17", 0.36))
        )
        dob = day - int((int(years) + rng.random()) * 365.25)
    else:
        band = int(
            sim.pick(tuple((str(a), w) for a, w in (_AGE_CARE if stream == "legacy" else _AGE_NEW)))
        )
        if band < 0:
            dob = day + sim.days(20, 150)  # unborn
        else:
            dob = day - int((band + rng.random() * _AGE_SPAN[band]) * 365.25) - 1
    home = sim.pick(districts)
    unit = sim.units[home]
    area = unit.area or "east-kent"
    cic = C.slug(C.DISTRICTS[unit.name][3])
    child = Child(
        pid=sim.new_id("person"),
        dob=dob,
        home=home,
        area=area,
        cic=cic,
        risk=math.exp(rng.gauss(0.0, 0.35)),
    )
    if stream == "uasc":
        child.uasc = True
        child.home = C.slug(C.SUASC)
        child.uasc_cic = C.slug(sim.pick(C.UASC_CIC_TEAMS))
        child.area = sim.units[child.uasc_cic].area or area
    elif stream == "new" and sim.chance(C.DISABLED_SHARE):
        child.disabled = True
        child.home = C.slug(next(t for t, areas in C.DISABILITY_TEAMS.items() if area in areas))
    sim.store["ssd_person"].add(
        pers_person_id=child.pid,
        pers_dob=dob if dob <= END else None,
        pers_expected_dob=dob if dob > day else None,
    )
    if child.uasc:
        sim.store["ssd_immigration_status"].add(
            immi_immigration_status_id=sim.new_id("immi"),
            immi_person_id=child.pid,
            immi_immigration_status="UASC",
            immi_immigration_status_start_date=day,
            immi_immigration_status_end_date=None,
        )
    if stream == "new" and dob < day:
        _prior_plan(sim, child, day)
    return child


def _prior_plan(sim: Sim, child: Child, day: int) -> None:
    """A CP plan the child had before their first referral here, for some older children.

    It is this authority's, from before the simulation starts, when the child was old enough
    then; otherwise another authority's (``cppl_cp_plan_ola = 'Y'``).  Either way it makes a
    later plan here a second or subsequent one, as the DfE counts them.
    """
    age = child.age(day)
    if not sim.chance(min(C.PRIOR_PLAN_CAP, C.PRIOR_PLAN_PER_YEAR * age)):
        return
    first = child.dob + 30
    here_until = C.FULL_START.toordinal() - 120
    here = first < here_until and sim.chance(C.PRIOR_PLAN_HERE)
    last = here_until if here else day - 120
    if last <= first:
        return
    start = first + int(sim.rng.random() * (last - first))
    end = min(start + sim.days(90, 500), last + 90)
    child.prior_cp += 1
    sim.store["ssd_cp_plans"].add(
        cppl_cp_plan_id=sim.new_id("cpp"),
        cppl_person_id=child.pid,
        cppl_cp_plan_start_date=start,
        cppl_cp_plan_end_date=end,
        cppl_cp_plan_ola="N" if here else "Y",
    )


def simulate(
    out_dir: Path,
    seed: int = 1,
    scale: float = 1.0,
    progress: Progress | None = None,
    fmt: str = "parquet",
) -> SimSummary:
    """Simulate the authority and write its SSD extract (plus ``ext_`` tables) to ``out_dir``.

    The same ``seed`` and ``scale`` always give byte-identical files.  ``scale`` multiplies
    the number of children and workers; rates and durations do not change.  ``progress`` is
    called as ``progress(step, done, total)``.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    began = time.perf_counter()
    rng = random.Random(seed)
    store = Store()
    units = build_units()
    write_units(units, store)
    cal = WorkCalendar(C.LEGACY_START.year - 4, C.EXTRACT_END.year + 8)
    staff = Staff(units, rng, store, scale)
    write_fostering(staff, rng, store, scale)
    sim = Sim(seed, scale, units, staff, store, cal, rng)
    districts = [(C.slug(name), share) for name, (_a, share, _c, _t) in C.DISTRICTS.items()]
    arrivals = _arrivals(sim)
    total = len(arrivals)
    step = max(1, total // 200)
    for i, (day, stream) in enumerate(arrivals):
        child = _new_child(sim, day, stream, districts)
        t: int | None = day
        direct = stream == "legacy"
        while t is not None and t <= END:
            t = referral(sim, child, t, direct_care=direct)
            direct = False
        for start, end, team, _u in child.spans:
            audits(sim, child, team, start, END if end is None else end)
        sim.write_involvements(child)
        if progress and (i % step == 0 or i == total - 1):
            progress("children", i + 1, total)
    private_fostering(sim, [d for d, _ in districts])
    figures = headline(store)
    rows = store.write(Path(out_dir), fmt, progress)
    (Path(out_dir) / AUTHORITY_FILE).write_text(
        yaml.safe_dump(C.AUTHORITY, sort_keys=False), encoding="utf-8"
    )
    (Path(out_dir) / UNITS_FILE).write_text(units_csv(units, seed), encoding="utf-8")
    return SimSummary(
        Path(out_dir), seed, scale, fmt, rows, time.perf_counter() - began, total, figures
    )
