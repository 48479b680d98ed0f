-- 14. % of children becoming subject to a CP plan for a second or subsequent
-- time within 24 months (YTD).
-- Denominator: CP plans that started from 1 April to the month end.
-- Numerator:   those where the child had an earlier CP plan that ended on or
--              before the new start and no more than 24 months before it.
-- Team: the team holding the case on the plan's start date.
WITH plan AS (
    SELECT
        p.cppl_cp_plan_id AS item_id,
        p.cppl_person_id AS child,
        p.cppl_cp_plan_start_date AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        CASE WHEN EXISTS (
            SELECT 1 FROM ssd_cp_plans AS earlier
            WHERE earlier.cppl_person_id = p.cppl_person_id
              AND earlier.cppl_cp_plan_id <> p.cppl_cp_plan_id
              AND earlier.cppl_cp_plan_end_date <= p.cppl_cp_plan_start_date
              AND earlier.cppl_cp_plan_end_date
                  >= DATE_ADD(p.cppl_cp_plan_start_date, INTERVAL (-24) MONTH)
        ) THEN 1 ELSE 0 END AS in_numerator
    FROM ssd_cp_plans AS p
    LEFT JOIN allocation AS a
        ON a.person_id = p.cppl_person_id
       AND a.start_date <= p.cppl_cp_plan_start_date
       AND (a.end_date IS NULL OR a.end_date > p.cppl_cp_plan_start_date)
),
-- Each plan is counted once, in the month of its start date; the year to date
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
    FROM plan AS e
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
