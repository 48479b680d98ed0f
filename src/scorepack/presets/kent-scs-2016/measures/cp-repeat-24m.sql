-- 14. % of children becoming subject to a CP plan for a second or subsequent
-- time within 24 months (YTD).
-- Denominator: CP plans that started from 1 April to the month end.
-- Numerator:   those where the child had an earlier CP plan that ended on or
--              before the new start and no more than 24 months before it.
-- Team: the team holding the case on the plan's start date.
WITH plan AS (
    SELECT
        p.cppl_cp_plan_id AS item_id,
        p.cppl_person_id AS child,
        p.cppl_cp_plan_start_date AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        CASE WHEN EXISTS (
            SELECT 1 FROM ssd_cp_plans AS earlier
            WHERE earlier.cppl_person_id = p.cppl_person_id
              AND earlier.cppl_cp_plan_id <> p.cppl_cp_plan_id
              AND earlier.cppl_cp_plan_end_date <= p.cppl_cp_plan_start_date
              AND earlier.cppl_cp_plan_end_date
                  >= DATE_ADD(p.cppl_cp_plan_start_date, INTERVAL (-24) MONTH)
        ) THEN 1 ELSE 0 END AS in_numerator
    FROM ssd_cp_plans AS p
    LEFT JOIN allocation AS a
        ON a.person_id = p.cppl_person_id
       AND a.start_date <= p.cppl_cp_plan_start_date
       AND (a.end_date IS NULL OR a.end_date > p.cppl_cp_plan_start_date)
),
items AS (
    SELECT
        m.period,
        p.team_id,
        p.item_id,
        p.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM plan AS p
    JOIN months AS m ON p.event_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = p.child AND x.uasc_from <= m.period_end
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND i.is_uasc = 0)
GROUP BY u.unit_id, i.period, c.cohort
