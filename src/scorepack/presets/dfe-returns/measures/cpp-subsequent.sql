-- scorepack: year-to-date events
-- DfE d3 CPP_subsequent_percent: % of this authority's plans starting in the year
-- that were a second or subsequent plan ever: the child had an earlier plan (an
-- earlier start date), here or in another authority.  A plan starting on the
-- same day (a re-registration recorded twice) does not make it subsequent.
-- Other-authority plans are never counted themselves.  Top unit only.
SELECT
    p.cppl_person_id AS child,
    p.cppl_cp_plan_start_date AS event_date,
    '(unassigned)' AS team_id,
    CASE WHEN EXISTS (
        SELECT 1
        FROM ssd_cp_plans AS earlier
        WHERE earlier.cppl_person_id = p.cppl_person_id
          AND earlier.cppl_cp_plan_start_date < p.cppl_cp_plan_start_date
    ) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_cp_plans AS p
WHERE COALESCE(p.cppl_cp_plan_ola, 'N') <> 'Y'
