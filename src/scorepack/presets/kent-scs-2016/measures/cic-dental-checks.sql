-- 25. % of children in care whose dental checks were held within the required timescale
-- (snapshot at month end).
-- Denominator: children looked after at the month end who have been in care
--              continuously for at least 12 months.
-- Numerator:   those with a completed dental check ('DENTAL CHECK') dated in the
--              12 months ending on the month end.
-- Team: the team holding the case at the month end.  The children and their
-- checks come from the building block health_checks (measures/sql/health_checks.sql).
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM health_checks AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND i.is_uasc = 0)
WHERE i.check_type = 'DENTAL CHECK'
GROUP BY u.unit_id, i.period, c.cohort
