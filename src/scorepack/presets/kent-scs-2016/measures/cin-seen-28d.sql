-- 6. % of children in need seen in the last 28 days (snapshot at month end).
-- Denominator: children with a CIN plan open at the month end who are neither
--              on a CP plan nor looked after at the month end.
-- Numerator:   those with a visit where the child was seen in the 28 days
--              ending on the month end (the month end and the 27 days before).
-- Team: the team holding the case at the month end, else the plan's team.
-- Records: items.
WITH on_plan AS (
    SELECT
        m.period,
        m.period_end,
        p.cinp_person_id AS child,
        MIN(p.cinp_cin_plan_team) AS plan_team
    FROM ssd_cin_plans AS p
    JOIN months AS m
        ON p.cinp_cin_plan_start_date <= m.period_end
       AND (p.cinp_cin_plan_end_date IS NULL OR p.cinp_cin_plan_end_date > m.period_end)
    WHERE NOT EXISTS (
        SELECT 1 FROM ssd_cp_plans AS cp
        WHERE cp.cppl_person_id = p.cinp_person_id
          AND cp.cppl_cp_plan_start_date <= m.period_end
          AND (cp.cppl_cp_plan_end_date IS NULL OR cp.cppl_cp_plan_end_date > m.period_end)
    )
      AND NOT EXISTS (
        SELECT 1 FROM looked_after AS la
        WHERE la.person_id = p.cinp_person_id
          AND la.episode_start <= m.period_end
          AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    )
    GROUP BY m.period, m.period_end, p.cinp_person_id
),
-- The children seen in the 28 days to the month end: a join, not a sub-query
-- per child, so that every warehouse plans it as one pass.
seen AS (
    SELECT n.period, n.child
    FROM on_plan AS n
    JOIN ssd_cin_visits AS v
        ON v.cinv_person_id = n.child
       AND v.cinv_cin_visit_seen = 'Y'
       AND v.cinv_cin_visit_date <= n.period_end
       AND v.cinv_cin_visit_date >= DATE_ADD(n.period_end, INTERVAL (-27) DAY)
    GROUP BY n.period, n.child
),
items AS (
    SELECT
        n.period,
        COALESCE(a.team_id, n.plan_team, '(unassigned)') AS team_id,
        n.child AS item_id,
        n.child,
        CASE WHEN s.child IS NULL THEN 0 ELSE 1 END AS in_numerator
    FROM on_plan AS n
    LEFT JOIN seen AS s ON s.period = n.period AND s.child = n.child
    LEFT JOIN allocation AS a
        ON a.person_id = n.child
       AND a.start_date <= n.period_end
       AND (a.end_date IS NULL OR a.end_date > n.period_end)
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
