-- Activity: caseloads (stock at month end).
-- Children whose case a team holds at the month end (an open allocation in
-- ssd_involvements).  Allocations never overlap, so each child counts once.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        a.team_id,
        a.person_id AS item_id,
        a.person_id AS child
    FROM allocation AS a
    JOIN months AS m
        ON a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    COUNT(*) AS numerator,
    CAST(NULL AS INTEGER) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
