-- scorepack: year-to-date events
-- DfE d3 CPP_start: this authority's child protection plans starting in the year.
-- Plans recorded as another authority's (cppl_cp_plan_ola = 'Y') are left out.
-- Authority-level: every event counts for the top unit only.
SELECT
    p.cppl_person_id AS child,
    p.cppl_cp_plan_start_date AS event_date,
    '(unassigned)' AS team_id,
    1 AS numerator,
    1 AS denominator
FROM ssd_cp_plans AS p
WHERE COALESCE(p.cppl_cp_plan_ola, 'N') <> 'Y'
