-- care_leaver_status: former relevant care leavers at their 19th, 20th or 21st
-- birthday, with their status around it (DfE care leaver definitions), for
-- every month computed.
--
-- One row per month and care leaver whose 19th, 20th or 21st birthday fell
-- from 1 April to the month end, who is former relevant (eligibility 'Former
-- Relevant' on any of their records).  The status is the one on or around the
-- birthday (DfE): their latest care leaver record whose contact date is from
-- 3 months before the birthday to 1 month after it (and on or before the month
-- end); without one, in_touch, activity and accom_suitable are empty (not
-- known).  A record with no contact date cannot be placed around the birthday
-- and is not used.  A record dated after the month end is not yet known, so
-- the status is taken afresh for each month.
-- team_id: the team holding the case on the birthday, else the status
-- record's allocated team.  The definitions count child in the cohorts they
-- are in for period (cohort_excluded).
WITH ages AS (
    SELECT 19 AS age
    UNION ALL
    SELECT 20
    UNION ALL
    SELECT 21
),
former_relevant AS (
    SELECT DISTINCT clea_person_id AS person_id
    FROM ssd_care_leavers
    WHERE UPPER(clea_care_leaver_eligibility) = 'FORMER RELEVANT'
),
birthday AS (
    SELECT
        m.period,
        m.period_end,
        p.pers_person_id AS child,
        DATE_ADD(p.pers_dob, INTERVAL (g.age) YEAR) AS birthday
    FROM ssd_person AS p
    JOIN former_relevant AS fr ON fr.person_id = p.pers_person_id
    CROSS JOIN ages AS g
    JOIN months AS m
        ON DATE_ADD(p.pers_dob, INTERVAL (g.age) YEAR) BETWEEN m.fy_start AND m.period_end
),
status AS (
    SELECT
        b.period,
        b.child,
        s.clea_care_leaver_allocated_team AS allocated_team,
        s.clea_care_leaver_in_touch AS in_touch,
        s.clea_care_leaver_activity AS activity,
        s.clea_care_leaver_accom_suitable AS accom_suitable,
        ROW_NUMBER() OVER (
            PARTITION BY b.period, b.child
            ORDER BY s.clea_care_leaver_latest_contact DESC, s.clea_table_id DESC
        ) AS recency
    FROM birthday AS b
    JOIN ssd_care_leavers AS s
        ON s.clea_person_id = b.child
       AND s.clea_care_leaver_latest_contact <= b.period_end
       AND s.clea_care_leaver_latest_contact >= DATE_ADD(b.birthday, INTERVAL (-3) MONTH)
       AND s.clea_care_leaver_latest_contact <= DATE_ADD(b.birthday, INTERVAL 1 MONTH)
)
SELECT
    b.period,
    b.child,
    b.birthday,
    COALESCE(a.team_id, s.allocated_team, '(unassigned)') AS team_id,
    s.in_touch,
    s.activity,
    s.accom_suitable
FROM birthday AS b
LEFT JOIN status AS s ON s.period = b.period AND s.child = b.child AND s.recency = 1
LEFT JOIN allocation AS a
    ON a.person_id = b.child
   AND a.start_date <= b.birthday
   AND (a.end_date IS NULL OR a.end_date > b.birthday)
