-- 40. % of caseholding posts filled by the council's permanent qualified social workers
-- (snapshot at month end).
-- Denominator: full-time equivalent of the caseholding posts in the
--              establishment at the month end (ext_establishment).
-- Numerator:   full-time equivalent of permanent (not agency) qualified social workers
--              in caseholding roles at the month end (ext_staff_assignments).
-- Team: the team of the post and of the worker's assignment.  Staffing has no
-- children, so only the 'all' cohort is given.
WITH items AS (
    SELECT m.period, s.stfa_team_id AS team_id, s.stfa_fte AS numerator_fte, 0 AS denominator_fte
    FROM ext_staff_assignments AS s
    JOIN months AS m
        ON s.stfa_start_date <= m.period_end
       AND (s.stfa_end_date IS NULL OR s.stfa_end_date > m.period_end)
    WHERE s.stfa_caseholding = 'Y'
      AND s.stfa_agency = 'N' AND s.stfa_qualified = 'Y'
    UNION ALL
    SELECT m.period, e.estp_team_id AS team_id, 0 AS numerator_fte, e.estp_fte AS denominator_fte
    FROM ext_establishment AS e
    JOIN months AS m
        ON e.estp_start_date <= m.period_end
       AND (e.estp_end_date IS NULL OR e.estp_end_date > m.period_end)
    WHERE e.estp_caseholding = 'Y'
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.numerator_fte) AS numerator,
    SUM(i.denominator_fte) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all'
GROUP BY u.unit_id, i.period, c.cohort
