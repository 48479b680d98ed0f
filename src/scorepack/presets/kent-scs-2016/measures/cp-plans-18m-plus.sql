-- 11. % of current CP plans lasting 18 months or more (snapshot at month end).
-- Denominator: children on a CP plan open at the month end.
-- Numerator:   those whose plan started on or before the same day 18 months
--              before the month end.  A child on two plans counts once.
-- Team: the team holding the case at the month end.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        p.cppl_person_id AS item_id,
        p.cppl_person_id AS child,
        MAX(CASE
            WHEN p.cppl_cp_plan_start_date <= DATE_ADD(m.period_end, INTERVAL (-18) MONTH)
            THEN 1 ELSE 0
        END) AS in_numerator
    FROM ssd_cp_plans AS p
    JOIN months AS m
        ON p.cppl_cp_plan_start_date <= m.period_end
       AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > m.period_end)
    LEFT JOIN allocation AS a
        ON a.person_id = p.cppl_person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    GROUP BY m.period, COALESCE(a.team_id, '(unassigned)'), p.cppl_person_id
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
