-- 5. % of children in need with a CIN plan in place (snapshot at month end).
-- Denominator: children with a CIN episode open at the month end whose
--              assessment in that episode was authorised by then, who are
--              neither on a CP plan nor looked after at the month end.
-- Numerator:   those with a CIN plan open at the month end.
-- Open at the month end: started on or before it and not ended on or before it.
-- Team: the team holding the case at the month end, else the referral's team.
-- An episode's assessment was authorised by the month end when its first one was.
-- Records: items.
WITH assessed AS (
    SELECT cina_referral_id AS referral_id, MIN(cina_assessment_auth_date) AS first_auth
    FROM ssd_cin_assessments
    GROUP BY cina_referral_id
),
in_need AS (
    SELECT
        m.period,
        m.period_end,
        e.cine_person_id AS child,
        MIN(e.cine_referral_team) AS referral_team
    FROM ssd_cin_episodes AS e
    JOIN months AS m
        ON e.cine_referral_date <= m.period_end
       AND (e.cine_close_date IS NULL OR e.cine_close_date > m.period_end)
    JOIN assessed AS s
        ON s.referral_id = e.cine_referral_id
       AND s.first_auth <= m.period_end
    WHERE NOT EXISTS (
        SELECT 1 FROM ssd_cp_plans AS cp
        WHERE cp.cppl_person_id = e.cine_person_id
          AND cp.cppl_cp_plan_start_date <= m.period_end
          AND (cp.cppl_cp_plan_end_date IS NULL OR cp.cppl_cp_plan_end_date > m.period_end)
    )
      AND NOT EXISTS (
        SELECT 1 FROM looked_after AS la
        WHERE la.person_id = e.cine_person_id
          AND la.episode_start <= m.period_end
          AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    )
    GROUP BY m.period, m.period_end, e.cine_person_id
),
-- The children with a CIN plan open at the month end: a join, not a sub-query
-- per child, so that every warehouse plans it as one pass.
with_plan AS (
    SELECT n.period, n.child
    FROM in_need AS n
    JOIN ssd_cin_plans AS p
        ON p.cinp_person_id = n.child
       AND p.cinp_cin_plan_start_date <= n.period_end
       AND (p.cinp_cin_plan_end_date IS NULL OR p.cinp_cin_plan_end_date > n.period_end)
    GROUP BY n.period, n.child
),
items AS (
    SELECT
        n.period,
        COALESCE(a.team_id, n.referral_team, '(unassigned)') AS team_id,
        n.child AS item_id,
        n.child,
        CASE WHEN w.child IS NULL THEN 0 ELSE 1 END AS in_numerator
    FROM in_need AS n
    LEFT JOIN with_plan AS w ON w.period = n.period AND w.child = n.child
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
