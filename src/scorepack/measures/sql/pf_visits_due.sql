-- pf_visits_due: visits due to private fostering arrangements, for every month computed.
--
-- One row per month computed and:
-- * kind 'visit': each visit held from 1 April to the month end to an
--   arrangement, on or after it began.  days: the days since the previous
--   visit to the arrangement (or since it began, for the first visit).
-- * kind 'waiting': each arrangement still running at the month end.  days:
--   the days from its last visit (or its start) to the month end, so the next
--   visit is overdue when days is more than the timescale.
-- Arrangements: those that started on or before the month end and had not
-- ended before 1 April; arrangement_start, arrangement_end and fy_start let a
-- definition pick new or existing ones.
-- first_year: 1 when the visit (or, for a waiting row, the month end) falls in
-- the arrangement's first year, when visits are due every 6 weeks rather than
-- every 12 (Children (Private Arrangements for Fostering) Regulations 2005,
-- reg 8).
-- team_id: the team holding the child's case on the visit date (the month end
-- for a waiting row), else the arrangement's team.  The definitions count
-- child in the cohorts they are in for period (cohort_excluded).
WITH visit AS (
    SELECT
        v.pfv_visit_id AS visit_id,
        v.pfv_arrangement_id AS arrangement_id,
        v.pfv_visit_date AS visit_date,
        DATE_DIFF(
            'day',
            COALESCE(
                LAG(v.pfv_visit_date) OVER (
                    PARTITION BY v.pfv_arrangement_id ORDER BY v.pfv_visit_date, v.pfv_visit_id
                ),
                ar.pfa_start_date
            ),
            v.pfv_visit_date
        ) AS days_since_last
    FROM ext_pf_visits AS v
    JOIN ext_pf_arrangements AS ar ON ar.pfa_arrangement_id = v.pfv_arrangement_id
    WHERE v.pfv_visit_date >= ar.pfa_start_date
),
arrangement AS (
    SELECT
        m.period,
        m.fy_start,
        m.period_end,
        ar.pfa_arrangement_id AS arrangement_id,
        ar.pfa_person_id AS child,
        ar.pfa_team_id AS own_team,
        ar.pfa_start_date AS start_date,
        ar.pfa_end_date AS end_date
    FROM ext_pf_arrangements AS ar
    JOIN months AS m
        ON ar.pfa_start_date <= m.period_end
       AND (ar.pfa_end_date IS NULL OR ar.pfa_end_date >= m.fy_start)
),
due AS (
    SELECT
        ar.period, ar.fy_start, ar.period_end, ar.child, ar.own_team,
        ar.start_date, ar.end_date,
        'visit' AS kind,
        'visit ' || v.visit_id AS item_id,
        v.visit_date AS event_date,
        v.days_since_last AS days
    FROM arrangement AS ar
    JOIN visit AS v
        ON v.arrangement_id = ar.arrangement_id
       AND v.visit_date BETWEEN ar.fy_start AND ar.period_end
    UNION ALL
    SELECT
        ar.period, ar.fy_start, ar.period_end, ar.child, ar.own_team,
        ar.start_date, ar.end_date,
        'waiting' AS kind,
        'waiting ' || ar.arrangement_id AS item_id,
        ar.period_end AS event_date,
        DATE_DIFF(
            'day',
            COALESCE(
                (SELECT MAX(v.visit_date) FROM visit AS v
                 WHERE v.arrangement_id = ar.arrangement_id AND v.visit_date <= ar.period_end),
                ar.start_date
            ),
            ar.period_end
        ) AS days
    FROM arrangement AS ar
    WHERE ar.end_date IS NULL OR ar.end_date > ar.period_end
)
SELECT
    d.period,
    d.fy_start,
    d.start_date AS arrangement_start,
    d.end_date AS arrangement_end,
    d.kind,
    d.item_id,
    d.days,
    CASE WHEN d.event_date < DATE_ADD(d.start_date, INTERVAL 12 MONTH) THEN 1 ELSE 0 END
        AS first_year,
    d.child,
    COALESCE(a.team_id, d.own_team, '(unassigned)') AS team_id
FROM due AS d
LEFT JOIN allocation AS a
    ON a.person_id = d.child
   AND a.start_date <= d.event_date
   AND (a.end_date IS NULL OR a.end_date > d.event_date)
