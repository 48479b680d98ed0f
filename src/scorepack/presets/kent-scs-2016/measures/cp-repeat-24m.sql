-- scorepack: year-to-date events
-- 14. % of children becoming subject to a CP plan for a second or subsequent
-- time within 24 months (YTD).
-- Denominator: CP plans of this authority that started from 1 April to the
--              month end.  Another authority's plan (cppl_cp_plan_ola Y) is
--              part of the child's history, never a new plan here; and a plan
--              that starts on the day an earlier plan of the child ended (a
--              same-day re-registration) continues that plan and is not new.
-- Numerator:   those where the child had an earlier CP plan, here or in
--              another authority, that ended before the new start and no more
--              than 24 months before it.  (The DfE's "ever" measure, any
--              earlier plan whenever it ended, is the column ever.)
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
          AND earlier.cppl_cp_plan_end_date < p.cppl_cp_plan_start_date
          AND earlier.cppl_cp_plan_end_date
              >= DATE_ADD(p.cppl_cp_plan_start_date, INTERVAL (-24) MONTH)
    ) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator,
    CASE WHEN EXISTS (
        SELECT 1 FROM ssd_cp_plans AS earlier
        WHERE earlier.cppl_person_id = p.cppl_person_id
          AND earlier.cppl_cp_plan_id <> p.cppl_cp_plan_id
          AND earlier.cppl_cp_plan_end_date < p.cppl_cp_plan_start_date
    ) THEN 1 ELSE 0 END AS ever
FROM ssd_cp_plans AS p
LEFT JOIN allocation AS a
    ON a.person_id = p.cppl_person_id
   AND a.start_date <= p.cppl_cp_plan_start_date
   AND (a.end_date IS NULL OR a.end_date > p.cppl_cp_plan_start_date)
WHERE (p.cppl_cp_plan_ola IS NULL OR p.cppl_cp_plan_ola <> 'Y')
  AND NOT EXISTS (
      SELECT 1 FROM ssd_cp_plans AS before
      WHERE before.cppl_person_id = p.cppl_person_id
        AND before.cppl_cp_plan_id <> p.cppl_cp_plan_id
        AND before.cppl_cp_plan_end_date = p.cppl_cp_plan_start_date
  )
