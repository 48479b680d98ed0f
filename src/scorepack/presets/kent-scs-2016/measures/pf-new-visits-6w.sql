-- 9. % of visits to new private fostering arrangements held within 6 weeks (YTD).
-- Arrangements: arrangements that started from 1 April to the month end.
-- Visits due are counted as: every visit held to those arrangements from
-- 1 April to the month end, plus one for each arrangement still running at
-- the month end whose next visit is already overdue.
-- Numerator:   visits held no more than 6 weeks (42 days) after the previous
--              visit (or after the arrangement began, for the first visit).
-- Denominator: all visits due as counted above.
-- Team: the team holding the child's case on the visit date (or the month end
-- for an overdue visit), else the arrangement's team.
-- The visits and waiting arrangements come from the building block
-- pf_visits_due (scorepack/measures/sql).
SELECT
    u.unit_id AS unit,
    d.period,
    c.cohort,
    SUM(CASE WHEN d.kind = 'visit' AND d.days <= 42 THEN 1 ELSE 0 END) AS numerator,
    COUNT(*) AS denominator
FROM pf_visits_due AS d
JOIN unit_tree AS u ON u.team_id = d.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND d.is_uasc = 0)
WHERE (d.kind = 'visit' OR d.days > 42)
  AND d.arrangement_start >= d.fy_start
GROUP BY u.unit_id, d.period, c.cohort
