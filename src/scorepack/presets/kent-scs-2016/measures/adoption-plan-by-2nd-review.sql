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
),
decision AS (
    SELECT
        pm.perm_table_id AS item_id,
        pm.perm_person_id AS child,
        pm.perm_adm_decision_date AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        CASE
            WHEN plan_start.first_adoption_plan IS NOT NULL
             AND (sr.review_date IS NULL OR plan_start.first_adoption_plan <= sr.review_date)
            THEN 1 ELSE 0
        END AS in_numerator
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
),
-- Each decision is counted once, in the month of its date; the year to date
-- then adds up the months from 1 April to the month computed.  A UASC child
-- leaves the excl-uasc cohort from the month their UASC status began.
by_month AS (
    SELECT
        e.team_id,
        d.fy_start,
        d.month_start,
        x.uasc_month,
        SUM(e.in_numerator) AS numerator,
        COUNT(*) AS denominator
    FROM decision AS e
    JOIN calendar AS d ON d.cal_date = e.event_date
    LEFT JOIN uasc AS x ON x.person_id = e.child
    GROUP BY e.team_id, d.fy_start, d.month_start, x.uasc_month
)
SELECT
    u.unit_id AS unit,
    m.period,
    c.cohort,
    SUM(b.numerator) AS numerator,
    SUM(b.denominator) AS denominator
FROM by_month AS b
JOIN months AS m ON m.fy_start = b.fy_start AND b.month_start <= m.period_start
JOIN unit_tree AS u ON u.team_id = b.team_id
JOIN cohorts AS c
    ON c.cohort = 'all'
    OR (c.cohort = 'excl-uasc' AND (b.uasc_month IS NULL OR b.uasc_month > m.period_start))
GROUP BY u.unit_id, m.period, c.cohort
