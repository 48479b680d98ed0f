-- scorepack: year-to-date events
-- 15. % of CP plans lasting 2 years or more at the point of de-registration (YTD, DfE).
-- Denominator: CP plans that ended from 1 April to the month end.
-- Numerator:   those that ended on or after the second anniversary of their start.
-- Team: the team that held the case on the plan's last day (an allocation
-- ending the same day still counts), else the team holding it that day.
-- The events: one row per plan, counted in the month of its end date.
SELECT
    p.cppl_cp_plan_id AS item_id,
    p.cppl_person_id AS child,
    p.cppl_cp_plan_end_date AS event_date,
    COALESCE(before_end.team_id, on_end.team_id, '(unassigned)') AS team_id,
    CASE
        WHEN p.cppl_cp_plan_end_date >= DATE_ADD(p.cppl_cp_plan_start_date, INTERVAL 24 MONTH)
        THEN 1 ELSE 0
    END AS numerator,
    1 AS denominator
FROM ssd_cp_plans AS p
LEFT JOIN allocation AS before_end
    ON before_end.person_id = p.cppl_person_id
   AND before_end.start_date < p.cppl_cp_plan_end_date
   AND (before_end.end_date IS NULL OR before_end.end_date >= p.cppl_cp_plan_end_date)
LEFT JOIN allocation AS on_end
    ON on_end.person_id = p.cppl_person_id
   AND on_end.start_date = p.cppl_cp_plan_end_date
WHERE p.cppl_cp_plan_end_date IS NOT NULL
