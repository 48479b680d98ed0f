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
-- Each notification is counted once, in the month of its visit due date; the year to date
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
    FROM notification AS e
    JOIN calendar AS d ON d.cal_date = e.due_date
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
