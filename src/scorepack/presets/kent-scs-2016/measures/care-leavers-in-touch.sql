-- 32. % of care leavers the council is in touch with (YTD, DfE definition).
-- Denominator: former relevant care leavers (eligibility 'Former Relevant' on
--              any of their records) whose 19th, 20th or 21st birthday fell
--              from 1 April to the month end.
-- Numerator:   those whose status around that birthday shows them
--              in touch (clea_care_leaver_in_touch YES).
--              The status used is their latest care leaver record dated on or
--              before the month end and no earlier than 3 months before the
--              birthday; without one they count as not known.
-- Team: the team holding the case on the birthday, else the care leaver
-- record's allocated team.
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
        s.*,
        ROW_NUMBER() OVER (
            PARTITION BY b.period, b.child
            ORDER BY s.clea_care_leaver_latest_contact DESC, s.clea_table_id DESC
        ) AS recency
    FROM birthday AS b
    JOIN ssd_care_leavers AS s
        ON s.clea_person_id = b.child
       AND s.clea_care_leaver_latest_contact <= b.period_end
       AND s.clea_care_leaver_latest_contact >= DATE_ADD(b.birthday, INTERVAL (-3) MONTH)
),
items AS (
    SELECT
        b.period,
        COALESCE(a.team_id, s.clea_care_leaver_allocated_team, '(unassigned)') AS team_id,
        b.child AS item_id,
        CASE WHEN UPPER(s.clea_care_leaver_in_touch) = 'YES' THEN 1 ELSE 0 END AS in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM birthday AS b
    LEFT JOIN status AS s ON s.period = b.period AND s.child = b.child AND s.recency = 1
    LEFT JOIN allocation AS a
        ON a.person_id = b.child
       AND a.start_date <= b.birthday
       AND (a.end_date IS NULL OR a.end_date > b.birthday)
    LEFT JOIN uasc AS x ON x.person_id = b.child AND x.uasc_from <= b.period_end
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND i.is_uasc = 0)
GROUP BY u.unit_id, i.period, c.cohort
