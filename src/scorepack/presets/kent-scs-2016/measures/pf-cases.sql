-- Activity: private fostering cases (stock at month end).
-- Children in a private fostering arrangement open at the month end, each
-- counted once.  Team: the team holding the case at the month end, else the
-- arrangement's team.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, pf.pfa_team_id, '(unassigned)') AS team_id,
        pf.pfa_person_id AS item_id,
        pf.pfa_person_id AS child
    FROM ext_pf_arrangements AS pf
    JOIN months AS m
        ON pf.pfa_start_date <= m.period_end
       AND (pf.pfa_end_date IS NULL OR pf.pfa_end_date > m.period_end)
    LEFT JOIN allocation AS a
        ON a.person_id = pf.pfa_person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    GROUP BY m.period, COALESCE(a.team_id, pf.pfa_team_id, '(unassigned)'), pf.pfa_person_id
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
