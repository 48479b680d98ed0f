-- 25. % of children in care whose dental checks were held within the required timescale
-- (snapshot at month end).
-- Denominator: children looked after at the month end who have been in care
--              continuously for at least 12 months.
-- Numerator:   those with a completed dental check ('DENTAL CHECK') dated in the
--              12 months ending on the month end.  An empty status is not a
--              completed check.
-- Team: the team holding the case at the month end.  The children and their
-- checks come from the building block health_checks (measures/sql/health_checks.sql).
-- Records: items (one row per child).
WITH items AS (
    SELECT h.period, h.team_id, h.item_id, h.child, h.in_numerator
    FROM health_checks AS h
    WHERE h.check_type = 'DENTAL CHECK'
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
