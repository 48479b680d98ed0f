-- 9. % of visits to new private fostering arrangements held within 6 weeks (YTD).
-- Arrangements: arrangements that started from 1 April to the month end.
-- Visits due are counted as: every visit held to those arrangements from
-- 1 April to the month end, plus one for each arrangement still running at
-- the month end whose next visit is already overdue.
-- Numerator:   visits held no more than 6 weeks (42 days) after the previous
--              visit (or after the arrangement began, for the first visit).
-- Denominator: all visits due as counted above.
-- Team: the team holding the child's case on the visit date (or the month end
-- for an overdue visit), else the arrangement's team.
WITH visit AS (
    SELECT
        v.pfv_visit_id AS visit_id,
        v.pfv_arrangement_id AS arrangement_id,
        v.pfv_visit_date AS visit_date,
        DATE_DIFF(
            'day',
            COALESCE(
                LAG(v.pfv_visit_date) OVER (
                    PARTITION BY v.pfv_arrangement_id ORDER BY v.pfv_visit_date, v.pfv_visit_id
                ),
                ar.pfa_start_date
            ),
            v.pfv_visit_date
        ) AS days_since_last
    FROM ext_pf_visits AS v
    JOIN ext_pf_arrangements AS ar ON ar.pfa_arrangement_id = v.pfv_arrangement_id
    WHERE v.pfv_visit_date >= ar.pfa_start_date
),
arrangement AS (
    SELECT
        m.period,
        m.fy_start,
        m.period_end,
        ar.pfa_arrangement_id AS arrangement_id,
        ar.pfa_person_id AS child,
        ar.pfa_team_id AS own_team,
        ar.pfa_start_date AS start_date,
        ar.pfa_end_date AS end_date
    FROM ext_pf_arrangements AS ar
    JOIN months AS m ON ar.pfa_start_date BETWEEN m.fy_start AND m.period_end
),
due AS (
    SELECT
        ar.period, ar.period_end, ar.child, ar.own_team,
        'visit ' || v.visit_id AS item_id,
        v.visit_date AS event_date,
        CASE WHEN v.days_since_last <= 42 THEN 1 ELSE 0 END AS in_numerator
    FROM arrangement AS ar
    JOIN visit AS v
        ON v.arrangement_id = ar.arrangement_id
       AND v.visit_date BETWEEN ar.fy_start AND ar.period_end
    UNION ALL
    SELECT
        ar.period, ar.period_end, ar.child, ar.own_team,
        'overdue ' || ar.arrangement_id AS item_id,
        ar.period_end AS event_date,
        0 AS in_numerator
    FROM arrangement AS ar
    WHERE (ar.end_date IS NULL OR ar.end_date > ar.period_end)
      AND DATE_DIFF(
            'day',
            COALESCE(
                (SELECT MAX(v.visit_date) FROM visit AS v
                 WHERE v.arrangement_id = ar.arrangement_id AND v.visit_date <= ar.period_end),
                ar.start_date
            ),
            ar.period_end
          ) > 42
),
items AS (
    SELECT
        d.period,
        COALESCE(a.team_id, d.own_team, '(unassigned)') AS team_id,
        d.item_id,
        d.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM due AS d
    LEFT JOIN allocation AS a
        ON a.person_id = d.child
       AND a.start_date <= d.event_date
       AND (a.end_date IS NULL OR a.end_date > d.event_date)
    LEFT JOIN uasc AS x ON x.person_id = d.child AND x.uasc_from <= d.period_end
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
