-- scorepack: year-to-date events
-- 8. % of private fostering notifications where the initial visit was held within 7 days (YTD).
-- Denominator: notifications whose initial visit fell due (7 days after the
--              notification) from 1 April to the month end.
-- Numerator:   those visited on or before the due date.
-- Team: the team holding the child's case on the notification date, else the
-- notification's team.
-- The events: one row per notification, counted in the month of its visit due date.
SELECT
    n.pfn_notification_id AS item_id,
    n.pfn_person_id AS child,
    DATE_ADD(n.pfn_notification_date, INTERVAL 7 DAY) AS event_date,
    COALESCE(a.team_id, n.pfn_team_id, '(unassigned)') AS team_id,
    CASE
        WHEN n.pfn_initial_visit_date <= DATE_ADD(n.pfn_notification_date, INTERVAL 7 DAY)
        THEN 1 ELSE 0
    END AS numerator,
    1 AS denominator
FROM ext_pf_notifications AS n
LEFT JOIN allocation AS a
    ON a.person_id = n.pfn_person_id
   AND a.start_date <= n.pfn_notification_date
   AND (a.end_date IS NULL OR a.end_date > n.pfn_notification_date)
