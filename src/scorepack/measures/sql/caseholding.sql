-- Caseholding: for every team and month end, the children whose case the team
-- holds (cases) and the full-time equivalent of its qualified caseholding
-- social workers (fte), with the team's type from ext_team_type.  The average
-- caseload definitions (42, 43) pick the team type they report on.
-- One row per cohort: a case counts in the cohorts its child is in that month
-- (see cohort_excluded); the workers count in every cohort.
WITH items AS (
    SELECT m.period, a.team_id, a.person_id AS child, 1 AS cases, 0 AS fte
    FROM allocation AS a
    JOIN months AS m
        ON a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    -- (Only the allocations still open at the first month end can be open at
    -- any: said once here, so that they alone are compared with every month.)
    WHERE a.end_date IS NULL OR a.end_date > (SELECT MIN(period_end) FROM months)
    UNION ALL
    SELECT
        m.period, s.stfa_team_id AS team_id, CAST(NULL AS VARCHAR) AS child, 0 AS cases,
        s.stfa_fte AS fte
    FROM ext_staff_assignments AS s
    JOIN months AS m
        ON s.stfa_start_date <= m.period_end
       AND (s.stfa_end_date IS NULL OR s.stfa_end_date > m.period_end)
    WHERE s.stfa_caseholding = 'Y'
      AND s.stfa_qualified = 'Y'
)
SELECT
    i.period,
    i.team_id,
    c.cohort,
    LOWER(t.etty_team_type) AS team_type,
    SUM(i.cases) AS cases,
    SUM(i.fte) AS fte
FROM items AS i
JOIN ext_team_type AS t ON t.etty_team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY i.period, i.team_id, c.cohort, LOWER(t.etty_team_type)
