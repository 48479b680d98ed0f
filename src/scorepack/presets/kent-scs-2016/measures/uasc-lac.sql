-- Activity: UASC looked after (stock at month end).
-- Looked-after children at the month end who are in the UASC cohort.
-- Team: the team holding the case at the month end.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        la.person_id AS item_id,
        la.person_id AS child
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    LEFT JOIN uasc AS x ON x.person_id = la.person_id AND x.uasc_from <= m.period_end
    WHERE x.person_id IS NOT NULL
    GROUP BY m.period, COALESCE(a.team_id, '(unassigned)'), la.person_id
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
