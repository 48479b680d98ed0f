-- 15. % of CP plans lasting 2 years or more at the point of de-registration (YTD, DfE).
-- Denominator: CP plans that ended from 1 April to the month end.
-- Numerator:   those that ended on or after the second anniversary of their start.
-- Team: the team that held the case on the plan's last day (an allocation
-- ending the same day still counts), else the team holding it that day.
WITH plan AS (
    SELECT
        p.cppl_cp_plan_id AS item_id,
        p.cppl_person_id AS child,
        p.cppl_cp_plan_end_date AS event_date,
        COALESCE(before_end.team_id, on_end.team_id, '(unassigned)') AS team_id,
        CASE
            WHEN p.cppl_cp_plan_end_date >= DATE_ADD(p.cppl_cp_plan_start_date, INTERVAL 24 MONTH)
            THEN 1 ELSE 0
        END AS in_numerator
    FROM ssd_cp_plans AS p
    LEFT JOIN allocation AS before_end
        ON before_end.person_id = p.cppl_person_id
       AND before_end.start_date < p.cppl_cp_plan_end_date
       AND (before_end.end_date IS NULL OR before_end.end_date >= p.cppl_cp_plan_end_date)
    LEFT JOIN allocation AS on_end
        ON on_end.person_id = p.cppl_person_id
       AND on_end.start_date = p.cppl_cp_plan_end_date
    WHERE p.cppl_cp_plan_end_date IS NOT NULL
),
-- Each plan is counted once, in the month of its end date; the year to date
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
