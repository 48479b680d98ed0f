-- scorepack: year-to-date events
-- 14. % of children becoming subject to a CP plan for a second or subsequent
-- time within 24 months (YTD).
-- Denominator: CP plans that started from 1 April to the month end.
-- Numerator:   those where the child had an earlier CP plan that ended on or
--              before the new start and no more than 24 months before it.
-- Team: the team holding the case on the plan's start date.
-- The events: one row per plan, counted in the month of its start date.
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
    ) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_cp_plans AS p
LEFT JOIN allocation AS a
    ON a.person_id = p.cppl_person_id
   AND a.start_date <= p.cppl_cp_plan_start_date
   AND (a.end_date IS NULL OR a.end_date > p.cppl_cp_plan_start_date)
