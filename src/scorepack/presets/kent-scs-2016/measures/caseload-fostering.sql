-- 44. Average caseload of fostering social workers (snapshot at month end).
-- Teams: those whose ext_team_type is 'fostering'.
-- Numerator:   foster carer households allocated to those teams at the month end
--              (ext_fostering_allocations).
-- Denominator: full-time equivalent of qualified caseholding social workers
--              in those teams at the month end (ext_staff_assignments).
-- The value is cases per full-time worker.  Other teams give 0 of 0.  Households
-- are not children: no cohort leaves any out, so every cohort gets the same figure.
-- Records: items (numerator cases, denominator fte; households and workers' assignments).
WITH team_of_type AS (
    SELECT etty_team_id AS team_id
    FROM ext_team_type
    WHERE LOWER(etty_team_type) = 'fostering'
),
items AS (
    SELECT m.period, f.fosa_team_id AS team_id, f.fosa_allocation_id AS item_id, 1 AS cases, 0 AS fte
    FROM ext_fostering_allocations AS f
    JOIN months AS m
        ON f.fosa_start_date <= m.period_end
       AND (f.fosa_end_date IS NULL OR f.fosa_end_date > m.period_end)
    JOIN team_of_type AS t ON t.team_id = f.fosa_team_id
    UNION ALL
    SELECT
        m.period, s.stfa_team_id AS team_id, s.stfa_assignment_id AS item_id, 0 AS cases,
        s.stfa_fte AS fte
    FROM ext_staff_assignments AS s
    JOIN months AS m
        ON s.stfa_start_date <= m.period_end
       AND (s.stfa_end_date IS NULL OR s.stfa_end_date > m.period_end)
    JOIN team_of_type AS t ON t.team_id = s.stfa_team_id
    WHERE s.stfa_caseholding = 'Y'
      AND s.stfa_qualified = 'Y'
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.cases) AS numerator,
    SUM(i.fte) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
GROUP BY u.unit_id, i.period, c.cohort
