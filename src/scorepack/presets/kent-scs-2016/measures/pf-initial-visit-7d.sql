-- 8. % of private fostering notifications where the initial visit was held within 7 days (YTD).
-- Denominator: notifications whose initial visit fell due (7 days after the
--              notification) from 1 April to the month end.
-- Numerator:   those visited on or before the due date.
-- Team: the team holding the child's case on the notification date, else the
-- notification's team.
WITH notification AS (
    SELECT
        n.pfn_notification_id AS item_id,
        n.pfn_person_id AS child,
        DATE_ADD(n.pfn_notification_date, INTERVAL 7 DAY) AS due_date,
        COALESCE(a.team_id, n.pfn_team_id, '(unassigned)') AS team_id,
        CASE
            WHEN n.pfn_initial_visit_date <= DATE_ADD(n.pfn_notification_date, INTERVAL 7 DAY)
            THEN 1 ELSE 0
        END AS in_numerator
    FROM ext_pf_notifications AS n
    LEFT JOIN allocation AS a
        ON a.person_id = n.pfn_person_id
       AND a.start_date <= n.pfn_notification_date
       AND (a.end_date IS NULL OR a.end_date > n.pfn_notification_date)
),
items AS (
    SELECT
        m.period,
        n.team_id,
        n.item_id,
        n.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM notification AS n
    JOIN months AS m ON n.due_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = n.child AND x.uasc_from <= m.period_end
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
