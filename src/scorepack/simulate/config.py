"""Fixed assumptions of the simulated authority: its units, its calendar and its rates.

Every number that shapes the simulation lives here so that ``docs/simulation.md`` can be
checked against one file.  Rates are expressed for ``scale=1`` (a county of roughly Kent's
size in 2015-16); volumes of children and workers are multiplied by the scale, while
probabilities and durations are not.
"""

from __future__ import annotations

import re
from datetime import date

# --- calendar ---------------------------------------------------------------------------------

#: First day on which ordinary referrals are simulated (a burn-in before the history window).
FULL_START = date(2007, 4, 1)
#: Children who came into care long ago are seeded from this date (legacy care cohort).
LEGACY_START = date(1998, 4, 1)
#: Start of the history the scorecard needs (six financial years up to March 2016).
HISTORY_START = date(2010, 4, 1)
#: The extract is taken at the end of this day; later events are not known.
EXTRACT_END = date(2016, 3, 31)
#: Visits (CIN, CP, CLA) are only recorded from this date onwards, to keep the extract small.
VISITS_FROM = date(2010, 1, 1)


def slug(name: str) -> str:
    """Unit id from a display name: lowercase, runs of non-alphanumerics become ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# --- units ------------------------------------------------------------------------------------

COUNTY = ("kent", "Kent")
AREAS = {
    "north-kent": "North Kent",
    "east-kent": "East Kent",
    "south-kent": "South Kent",
    "west-kent": "West Kent",
}

#: District assessment & family support teams: name -> (area, share of new children,
#: relative propensity for child protection, CIC team that takes its children in care).
DISTRICTS: dict[str, tuple[str, float, float, str]] = {
    "Dartford AIT & FST": ("north-kent", 0.060, 1.25, "North Kent CIC"),
    "Gravesham AIT & FST": ("north-kent", 0.075, 1.10, "North Kent CIC"),
    "Sevenoaks AIT & FST": ("north-kent", 0.045, 0.70, "North Kent CIC"),
    "Canterbury AIT & FST": ("east-kent", 0.072, 1.35, "East Kent (Can/Swa) CIC"),
    "Swale AIT & FST": ("east-kent", 0.110, 1.05, "East Kent (Can/Swa) CIC"),
    "Thanet AIT & FST": ("east-kent", 0.128, 1.05, "East Kent (Tha) CIC"),
    "Ashford AIT & FST": ("south-kent", 0.085, 1.20, "South Kent CIC"),
    "Dover AIT & FST": ("south-kent", 0.102, 0.90, "South Kent CIC"),
    "Shepway AIT & FST": ("south-kent", 0.095, 1.00, "South Kent CIC"),
    "Maidstone AIT & FST": ("west-kent", 0.098, 0.90, "West Kent CIC"),
    "The Weald AIT & FST": ("west-kent", 0.130, 0.85, "West Kent CIC"),
}
CIC_TEAMS = {
    "North Kent CIC": "north-kent",
    "East Kent (Can/Swa) CIC": "east-kent",
    "East Kent (Tha) CIC": "east-kent",
    "South Kent CIC": "south-kent",
    "West Kent CIC": "west-kent",
}
DISABILITY_SERVICE = "Disability Service"
DISABILITY_TEAMS = {
    "Disability EK": ("east-kent", "south-kent"),
    "Disability WK": ("north-kent", "west-kent"),
}
SUASC = "SUASC Service"
ADOPTION = "Adoption & SG"
DUTY = "CDT/OOH/CRU"
LEAVING_CARE = "Care Leaver Service (18+)"
FOSTERING = "Fostering Service"
COUNTY_SERVICES = (DISABILITY_SERVICE, SUASC, ADOPTION, DUTY, LEAVING_CARE, FOSTERING)

#: Caseload per full-time worker the staffing model aims at, by kind of team.
TARGET_CASELOAD = {
    "district": 19.0,
    "cic": 15.0,
    "suasc": 18.0,
    "disability": 22.0,
    "adoption": 12.0,
    "duty": 6.0,
    "leaving": 25.0,
    "fostering": 18.0,
}
#: Typical open cases per team at scale 1 (sizes the pool of posts).
TEAM_CASES = {
    "district": 420,
    "cic": 350,
    "suasc": 500,
    "disability": 600,
    "adoption": 80,
    "duty": 30,
    "leaving": 1000,
    "fostering": 860,
}

# --- demand -----------------------------------------------------------------------------------

#: New (first-time) children referred per working day at scale 1, before multipliers.
NEW_CHILDREN_PER_WORKING_DAY = 35.0
#: Weekend and bank-holiday referrals relative to a working day.
NON_WORKING_DAY_FACTOR = 0.15
#: Demand multiplier by financial year (start year); shaped on the DfE referral series.
FY_DEMAND = {
    2007: 0.95,
    2008: 1.0,
    2009: 1.12,
    2010: 1.12,
    2011: 1.06,
    2012: 0.98,
    2013: 1.36,
    2014: 1.12,
    2015: 1.0,
}
#: Seasonality by calendar month (school holidays and Christmas dip; autumn/spring peaks).
MONTH_FACTOR = {
    1: 1.00,
    2: 1.02,
    3: 1.04,
    4: 0.92,
    5: 1.06,
    6: 1.08,
    7: 1.04,
    8: 0.74,
    9: 1.00,
    10: 1.14,
    11: 1.14,
    12: 0.86,
}
#: Extra dip for the days between 20 December and 2 January.
CHRISTMAS_FACTOR = 0.45

#: Probability a closed case is re-referred within 12 months of its referral, by FY.
REREFERRAL_12M = {
    2007: 0.24,
    2008: 0.24,
    2009: 0.25,
    2010: 0.25,
    2011: 0.25,
    2012: 0.24,
    2013: 0.27,
    2014: 0.28,
    2015: 0.17,
}
#: Probability of a later re-referral (13 to 40 months after the referral).
REREFERRAL_LATER = 0.12
#: Re-referral and S47 propensity multipliers for a child who has had a CP plan before.
PRIOR_CP_REREFERRAL = 1.6
PRIOR_CP_S47 = 1.0
#: Share of new children who are disabled and served by the disability teams.
DISABLED_SHARE = 0.031
#: Share of referrals first taken by the duty / out-of-hours service.
DUTY_SHARE = 0.02

# --- assessment, S47, child protection --------------------------------------------------------

#: Probability an assessment is completed within 45 working days, by FY.
ASSESSMENT_ON_TIME = {
    2007: 0.70,
    2008: 0.72,
    2009: 0.74,
    2010: 0.76,
    2011: 0.78,
    2012: 0.81,
    2013: 0.82,
    2014: 0.845,
    2015: 0.895,
}
CHILD_SEEN_AT_ASSESSMENT = 0.982
#: Outcomes of a first assessment (the remainder closes with no further action).
P_S47 = 0.26
P_DIRECT_CARE = 0.017
P_CIN_PLAN = 0.25
#: S47 enquiries that lead to an initial child protection conference.
P_ICPC = 0.29
#: ICPCs held within 15 working days of the S47 start, by FY.
ICPC_ON_TIME = {
    2007: 0.70,
    2008: 0.72,
    2009: 0.74,
    2010: 0.76,
    2011: 0.78,
    2012: 0.79,
    2013: 0.80,
    2014: 0.81,
    2015: 0.86,
}
#: ICPCs whose outcome is a CP plan.
P_ICPC_PLAN = {
    2007: 0.90,
    2008: 0.90,
    2009: 0.90,
    2010: 0.90,
    2011: 0.90,
    2012: 0.90,
    2013: 0.90,
    2014: 0.903,
    2015: 0.85,
}
CHILD_SEEN_AT_S47 = 0.981
#: How long CP plans last: 26% end at the first review conference (3 months); after it the
#: share still open falls linearly between these (months, share open) points.  Fitted to the
#: DfE's plans at 31 March by length (d5) and to plans ended after two years or more.
CP_END_AT_FIRST_REVIEW = 0.26
CP_SURVIVAL = (
    (3.0, 0.74),
    (6.0, 0.70),
    (9.0, 0.28),
    (12.0, 0.19),
    (18.0, 0.13),
    (24.0, 0.015),
    (30.0, 0.0),
)
CP_CATEGORIES = (
    ("Neglect", 0.46),
    ("Emotional abuse", 0.33),
    ("Physical abuse", 0.09),
    ("Sexual abuse", 0.05),
    ("Multiple", 0.07),
)
CP_VISIT_ON_TIME = 0.91
#: After a CP plan ends: step down to a CIN plan, close, or come into care.
P_CP_TO_CARE = 0.08
P_CP_TO_CIN = 0.62
#: CIN plans: monthly hazard of an S47 / of coming into care during the plan.
CIN_S47_MONTHLY = 0.012
CIN_CARE_MONTHLY = 0.004
#: Propensity to come into care by age band (upper bound in years, multiplier).
#: Share of adoptions and SGOs followed by 60-300 days of support from Adoption & SG.
POST_ORDER_SUPPORT = 0.3
CARE_AGE_FACTOR = ((1.0, 3.0), (5.0, 1.0), (10.0, 0.75), (16.0, 1.0), (99.0, 0.8))
CIN_VISIT_ON_TIME = 0.83
CIN_PLAN_MEDIAN_DAYS = 125
#: Share of children in need whose plan is recorded (the rest are seen without a plan).
CIN_PLAN_RECORDED = 0.86

# --- children in care -------------------------------------------------------------------------

#: Non-UASC children starting care each working day in the legacy cohort (before FULL_START).
LEGACY_CARE_PER_DAY = 2.7
#: Mean days a new entrant stays with the district team before moving to the CIC team.
DAYS_BEFORE_CIC = 35
#: Placement breakdown hazard per year (non-UASC), in the first six months and afterwards.
MOVE_HAZARD_EARLY = 1.3
MOVE_HAZARD_LATER = 0.12
#: Hazard multiplier for teenagers and by area (West and North Kent move children more).
TEEN_MOVE_FACTOR = 2.0
AREA_MOVE_FACTOR = {"north-kent": 1.3, "east-kent": 1.0, "south-kent": 0.95, "west-kent": 1.35}
#: Extra worker-change hazard per year (on top of workers leaving) for children in care.
WORKER_CHANGE = {"north-kent": 0.2, "east-kent": 0.12, "south-kent": 0.05, "west-kent": 0.7}
WORKER_CHANGE_OTHER = 0.3
CLA_REVIEW_LATE = 0.02
CLA_PARTICIPATION = 0.972
HEALTH_ON_TIME = 0.87
DENTAL_ON_TIME = 0.90

# --- UASC -------------------------------------------------------------------------------------

#: UASC arrivals per month at scale 1: a steady flow, then the summer 2015 surge.
UASC_BASE = {2007: 38, 2008: 40, 2009: 34, 2010: 24, 2011: 20, 2012: 18, 2013: 20, 2014: 26}
UASC_2015 = {
    4: 32,
    5: 45,
    6: 84,
    7: 125,
    8: 145,
    9: 135,
    10: 104,
    11: 63,
    12: 36,
    13: 30,
    14: 28,
    15: 30,
}
#: Placement-move hazard multiplier for UASC (after the reception placement).
UASC_MOVE_FACTOR = 0.2
#: Mean days before a UASC's case moves from the SUASC service to an area CIC team.
UASC_TO_CIC_DAYS = 600
#: Area CIC teams taking UASC cases, with weights.
UASC_CIC_TEAMS = (
    ("North Kent CIC", 0.22),
    ("East Kent (Can/Swa) CIC", 0.18),
    ("East Kent (Tha) CIC", 0.10),
    ("South Kent CIC", 0.20),
    ("West Kent CIC", 0.30),
)
#: Reviews of UASC falling due during the surge were late with this probability.
UASC_SURGE_REVIEW_LATE = 0.42
UASC_SURGE = (date(2015, 6, 1), date(2016, 2, 15))
NATIONALITIES = (
    ("Afghanistan", 0.26),
    ("Eritrea", 0.24),
    ("Syria", 0.10),
    ("Iraq", 0.09),
    ("Albania", 0.09),
    ("Iran", 0.07),
    ("Sudan", 0.05),
    ("Vietnam", 0.04),
    ("Ethiopia", 0.04),
    ("Egypt", 0.02),
)

# --- records as messy as real ones -----------------------------------------------------------

#: The authority the simulated county stands for (for `scorepack reconcile`), written to
#: ``authority.yaml`` beside the tables.
AUTHORITY = {"new_la_code": "E10000016", "old_la_code": "886", "name": "Kent"}
#: Children referred for the first time who had a CP plan before: the probability rises with
#: age by this much a year (capped); such a plan is this authority's (before the simulation
#: starts) when the child was born long enough before it, otherwise another authority's.
PRIOR_PLAN_PER_YEAR = 0.0055
PRIOR_PLAN_CAP = 0.12
PRIOR_PLAN_HERE = 0.5
#: Placement distances recorded as 999.9 (a postcode not known) or left blank; UASC, whose
#: home is outside England, have 999.9 almost always (as the SSD asks).
DISTANCE_UNKNOWN = 0.02
DISTANCE_BLANK = 0.01
UASC_DISTANCE_UNKNOWN = 0.9
#: Foster and home placements of 60 days or more split by a change of placement with the
#: same carer (the carer moves house, or the provider changes): SSDA903 new-episode reason T.
SAME_CARER_CHANGE = 0.06
#: Periods of care with a blank entered-care date; CLA reviews with a blank due date.
ENTERED_CARE_BLANK = 0.04
REVIEW_DUE_BLANK = 0.03
#: Legal status of a period of care: accommodated under s20 (V2) or a care order (C2).
VOLUNTARY_SHARE = 0.25
#: Disabled children on a plan who have an agreed series of short breaks (legal status V4),
#: the gap between breaks (days) and the nights of a break; and CIN plans of other children
#: with one single short break (V3).  Breaks are written from VISITS_FROM only.
SHORT_BREAK_SHARE = 0.3
SHORT_BREAK_GAP = (21, 42)
SHORT_BREAK_NIGHTS = (1, 3)
SINGLE_SHORT_BREAK = 0.01
#: Involvements beside the allocated social worker's: an independent reviewing officer for
#: every period of care (recorded against the county), a personal adviser from 16 for young
#: people who will leave care at 18, and a family support worker on this share of CIN plans.
IRO_ROLE = "Independent Reviewing Officer"
PA_ROLE = "Personal Adviser"
FAMILY_SUPPORT_ROLE = "Family Support Worker"
SOCIAL_WORKER_ROLE = "Allocated Social Worker"
FAMILY_SUPPORT_SHARE = 0.35
#: Workers of the roles that hold no caseholding post, at scale 1.
ROLE_POOL = {IRO_ROLE: 40, FAMILY_SUPPORT_ROLE: 120}
#: Care-leaver records: a blank contact date, an older record from months before the
#: birthday, and a later one after the DfE's window (up to a month after the birthday).
LEAVER_CONTACT_BLANK = 0.03
LEAVER_EARLIER_RECORD = 0.35
LEAVER_LATER_RECORD = 0.2
