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
-- Earlier plans (ended on or before the start) are found by one join per child
-- rather than a sub-query per plan, so that every warehouse plans it as one
-- pass; a plan with one ended on its start day (same_day) is left out, so the
-- earlier plans of the rest all ended before it started.
WITH earlier AS (
    SELECT
        p.cppl_cp_plan_id AS plan_id,
        p.cppl_person_id AS person_id,
        MAX(CASE
            WHEN e.cppl_cp_plan_end_date
                 >= DATE_ADD(p.cppl_cp_plan_start_date, INTERVAL (-24) MONTH)
            THEN 1 ELSE 0
        END) AS within_24m,
        MAX(CASE WHEN e.cppl_cp_plan_end_date = p.cppl_cp_plan_start_date THEN 1 ELSE 0 END)
            AS same_day
    FROM ssd_cp_plans AS p
    JOIN ssd_cp_plans AS e
        ON e.cppl_person_id = p.cppl_person_id
       AND e.cppl_cp_plan_id <> p.cppl_cp_plan_id
       AND e.cppl_cp_plan_end_date <= p.cppl_cp_plan_start_date
    GROUP BY p.cppl_cp_plan_id, p.cppl_person_id
)
-- The events: one row per plan, counted in the month of its start date.
SELECT
    p.cppl_cp_plan_id AS item_id,
    p.cppl_person_id AS child,
    p.cppl_cp_plan_start_date AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    CASE WHEN e.within_24m = 1 THEN 1 ELSE 0 END AS numerator,
    1 AS denominator,
    CASE WHEN e.plan_id IS NULL THEN 0 ELSE 1 END AS ever
FROM ssd_cp_plans AS p
LEFT JOIN earlier AS e
    ON e.plan_id = p.cppl_cp_plan_id AND e.person_id = p.cppl_person_id
LEFT JOIN allocation AS a
    ON a.person_id = p.cppl_person_id
   AND a.start_date <= p.cppl_cp_plan_start_date
   AND (a.end_date IS NULL OR a.end_date > p.cppl_cp_plan_start_date)
WHERE (p.cppl_cp_plan_ola IS NULL OR p.cppl_cp_plan_ola <> 'Y')
  AND (e.same_day IS NULL OR e.same_day = 0)
