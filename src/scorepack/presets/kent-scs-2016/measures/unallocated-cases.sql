-- 7. Number of unallocated cases (snapshot at month end, count).
-- Children with a CIN episode open at the month end who are allocated to no
-- worker in any team at the month end (no open involvement).
-- Team: the team that took the referral (the earliest-sorting one if several
-- episodes are open), else the top of the hierarchy only.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        e.cine_person_id AS item_id,
        e.cine_person_id AS child,
        COALESCE(MIN(e.cine_referral_team), '(unassigned)') AS team_id
    FROM ssd_cin_episodes AS e
    JOIN months AS m
        ON e.cine_referral_date <= m.period_end
       AND (e.cine_close_date IS NULL OR e.cine_close_date > m.period_end)
    WHERE NOT EXISTS (
        SELECT 1 FROM allocation AS a
        WHERE a.person_id = e.cine_person_id
          AND a.start_date <= m.period_end
          AND (a.end_date IS NULL OR a.end_date > m.period_end)
    )
    GROUP BY m.period, e.cine_person_id
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
