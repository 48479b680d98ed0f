-- 13. % of CP cases reviewed within required timescales (snapshot at month end).
-- Denominator: CP plans open at the month end with at least one review due on
--              or before the month end.
-- Numerator:   those where every review due by the month end was held on or
--              before its due date.
-- Team: the team holding the case at the month end.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        p.cppl_cp_plan_id AS item_id,
        MAX(p.cppl_person_id) AS child,
        MIN(CASE
            WHEN r.cppr_cp_review_date IS NOT NULL
             AND r.cppr_cp_review_date <= r.cppr_cp_review_due
             AND r.cppr_cp_review_date <= m.period_end
            THEN 1 ELSE 0
        END) AS in_numerator
    FROM ssd_cp_plans AS p
    JOIN months AS m
        ON p.cppl_cp_plan_start_date <= m.period_end
       AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > m.period_end)
    JOIN ssd_cp_reviews AS r
        ON r.cppr_cp_plan_id = p.cppl_cp_plan_id
       AND r.cppr_cp_review_due <= m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = p.cppl_person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    GROUP BY m.period, COALESCE(a.team_id, '(unassigned)'), p.cppl_cp_plan_id
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
