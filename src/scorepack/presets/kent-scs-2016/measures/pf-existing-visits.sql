-- 10. % of visits to existing private fostering arrangements held in time (YTD).
-- Arrangements: arrangements that started before 1 April and were still running on it.
-- Visits due are counted as: every visit held to those arrangements from
-- 1 April to the month end, plus one for each arrangement still running at
-- the month end whose next visit is already overdue.
-- Numerator:   visits held in time after the previous visit (or after the
--              arrangement began, for the first visit): within 6 weeks (42
--              days) in the arrangement's first year, within 12 weeks (84 days)
--              after it (Children (Private Arrangements for Fostering)
--              Regulations 2005, reg 8).  A waiting arrangement is overdue
--              when its days since the last visit pass the same limit.
-- Denominator: all visits due as counted above.
-- Team: the team holding the child's case on the visit date (or the month end
-- for an overdue visit), else the arrangement's team.
-- The visits and waiting arrangements come from the building block
-- pf_visits_due (scorepack/measures/sql).
-- Records: items (one row per visit due).
WITH due AS (
    SELECT d.*, CASE WHEN d.first_year = 1 THEN 42 ELSE 84 END AS limit_days
    FROM pf_visits_due AS d
    WHERE d.arrangement_start < d.fy_start
      AND (d.arrangement_end IS NULL OR d.arrangement_end > d.fy_start)
),
items AS (
    SELECT
        d.period,
        d.team_id,
        d.item_id,
        d.child,
        CASE WHEN d.kind = 'visit' AND d.days <= d.limit_days THEN 1 ELSE 0 END AS in_numerator
    FROM due AS d
    WHERE d.kind = 'visit' OR d.days > d.limit_days
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
