-- scorepack: year-to-date events
-- 28. % of children with an agency decision for adoption whose adoption plan was agreed
-- by their second review (YTD).
-- Denominator: children whose agency decision maker (ADM) decided they should
--              be adopted from 1 April to the month end.
-- Numerator:   those for whom adoption was the sole plan in force on the date
--              of the second review of that period of care: the care plan
--              current that day (started on or before it, not ended before it)
--              names ADOPTION and no other plan (no comma-separated second
--              code).  A child whose second review has not been held is not in
--              the numerator.
-- Team: the team holding the case on the decision date.
-- The events: one row per decision, counted in the month of its date.
WITH second_review AS (
    SELECT cla_id, review_date
    FROM (
        SELECT
            r.clar_cla_id AS cla_id,
            r.clar_cla_review_date AS review_date,
            ROW_NUMBER() OVER (
                PARTITION BY r.clar_cla_id
                ORDER BY r.clar_cla_review_date, r.clar_cla_review_id
            ) AS review_no
        FROM ssd_cla_reviews AS r
        WHERE r.clar_cla_review_date IS NOT NULL
          AND (r.clar_cla_review_cancelled IS NULL OR r.clar_cla_review_cancelled <> 'Y')
    ) AS numbered
    WHERE review_no = 2
),
-- Each decision with the date of that review, if held.
decision AS (
    SELECT
        pm.perm_table_id,
        pm.perm_person_id,
        pm.perm_adm_decision_date,
        sr.review_date
    FROM ssd_permanence AS pm
    LEFT JOIN second_review AS sr ON sr.cla_id = pm.perm_cla_id
    WHERE pm.perm_adm_decision_date IS NOT NULL
),
-- The children whose care plan on the day of that review was adoption alone.
sole_adoption AS (
    SELECT DISTINCT d.perm_person_id AS child, d.review_date
    FROM decision AS d
    JOIN ssd_cla_care_plan AS cp
        ON cp.lacp_person_id = d.perm_person_id
       AND cp.lacp_cla_care_plan_start_date <= d.review_date
       AND (cp.lacp_cla_care_plan_end_date IS NULL
            OR cp.lacp_cla_care_plan_end_date > d.review_date)
    WHERE UPPER(cp.lacp_cla_care_plan_json) LIKE '%ADOPTION%'
      AND cp.lacp_cla_care_plan_json NOT LIKE '%,%'
)
SELECT
    d.perm_table_id AS item_id,
    d.perm_person_id AS child,
    d.perm_adm_decision_date AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    CASE WHEN ok.child IS NULL THEN 0 ELSE 1 END AS numerator,
    1 AS denominator
FROM decision AS d
LEFT JOIN sole_adoption AS ok
    ON ok.child = d.perm_person_id
   AND ok.review_date = d.review_date
LEFT JOIN allocation AS a
    ON a.person_id = d.perm_person_id
   AND a.start_date <= d.perm_adm_decision_date
   AND (a.end_date IS NULL OR a.end_date > d.perm_adm_decision_date)
