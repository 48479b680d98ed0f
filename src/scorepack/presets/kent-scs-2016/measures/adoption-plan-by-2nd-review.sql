-- scorepack: year-to-date events
-- 28. % of children with an agency decision for adoption whose adoption plan was agreed
-- by their second review (YTD).
-- Denominator: children whose agency decision maker (ADM) decided they should
--              be adopted from 1 April to the month end.
-- Numerator:   those whose first care plan naming ADOPTION in that period of
--              care started on or before the second review of the period of
--              care (or who have not yet had a second review).
-- Team: the team holding the case on the decision date.
WITH care_start AS (
    SELECT cla_id, MIN(care_start) AS care_start FROM looked_after GROUP BY cla_id
),
second_review AS (
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
)
-- The events: one row per decision, counted in the month of its date.
SELECT
    pm.perm_table_id AS item_id,
    pm.perm_person_id AS child,
    pm.perm_adm_decision_date AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    CASE
        WHEN plan_start.first_adoption_plan IS NOT NULL
         AND (sr.review_date IS NULL OR plan_start.first_adoption_plan <= sr.review_date)
        THEN 1 ELSE 0
    END AS numerator,
    1 AS denominator
FROM ssd_permanence AS pm
LEFT JOIN care_start AS cs ON cs.cla_id = pm.perm_cla_id
LEFT JOIN second_review AS sr ON sr.cla_id = pm.perm_cla_id
LEFT JOIN (
    SELECT
        pm2.perm_table_id,
        MIN(cp.lacp_cla_care_plan_start_date) AS first_adoption_plan
    FROM ssd_permanence AS pm2
    LEFT JOIN care_start AS cs2 ON cs2.cla_id = pm2.perm_cla_id
    JOIN ssd_cla_care_plan AS cp
        ON cp.lacp_person_id = pm2.perm_person_id
       AND UPPER(cp.lacp_cla_care_plan_json) LIKE '%ADOPTION%'
       AND (cs2.care_start IS NULL OR cp.lacp_cla_care_plan_start_date >= cs2.care_start)
    GROUP BY pm2.perm_table_id
) AS plan_start ON plan_start.perm_table_id = pm.perm_table_id
LEFT JOIN allocation AS a
    ON a.person_id = pm.perm_person_id
   AND a.start_date <= pm.perm_adm_decision_date
   AND (a.end_date IS NULL OR a.end_date > pm.perm_adm_decision_date)
WHERE pm.perm_adm_decision_date IS NOT NULL
