-- 43. Average caseload of social workers in assessment and intervention (AIT) and family support (FST) teams (snapshot at month end).
-- Teams: those whose ext_team_type is 'assessment-intervention'.
-- Numerator:   children whose case those teams hold at the month end.
-- Denominator: full-time equivalent of qualified caseholding social workers
--              in those teams at the month end (ext_staff_assignments).
-- The value is cases per full-time worker.  Other teams give 0 of 0.  A case
-- counts in the cohorts its child is in.  Cases and FTE come from the building block
-- caseholding (measures/sql/caseholding.sql).
-- Records: items (one row per team: its cases and FTE).
WITH items AS (
    SELECT h.period, h.team_id, h.team_id AS item_id, h.cohort, h.cases AS numerator, h.fte AS denominator
    FROM caseholding AS h
    WHERE h.team_type = 'assessment-intervention'
)
SELECT
    u.unit_id AS unit,
    i.period,
    i.cohort,
    SUM(i.numerator) AS numerator,
    SUM(i.denominator) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
GROUP BY u.unit_id, i.period, i.cohort
