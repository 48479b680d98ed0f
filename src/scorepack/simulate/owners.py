"""Who answers for each simulated unit: a units file written beside the records.

The SSD's ``ssd_department`` has no owners, so a council gives them in a
units file (``scorepack build --records DIR --units FILE``; see docs/units.md).
The simulated authority comes with one, ``units.csv``: an invented name for
each area's director, each county-wide service's head and each team's
manager.  The county has none, so its own exception reports name the
catalogue's cabinet member and director.  The names are drawn from their own
random stream, so the records are the same with or without this file.
"""

from __future__ import annotations

import csv
import io
import random

from .staff import FIRST_NAMES, LAST_NAMES, Unit, unit_kind

UNITS_FILE = "units.csv"
ROLES = {"area": "Area Director", "service": "Head of Service", "team": "Team Manager"}
"""The owner's role by the unit's kind (the county has no owner of its own)."""


def units_csv(units: dict[str, Unit], seed: int) -> str:
    """The units file for these units, with an owner for each area, service and team."""
    rng = random.Random(f"owners-{seed}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "parent", "kind", "owner_name", "owner_role"])
    for unit in units.values():
        kind = unit_kind(unit, units)
        role = ROLES.get(kind)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if role else ""
        writer.writerow([unit.id, unit.name, unit.parent or "", kind, name, role or ""])
    return out.getvalue()
