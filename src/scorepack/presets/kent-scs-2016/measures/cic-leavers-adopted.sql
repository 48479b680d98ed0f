-- 31. % of children leaving care who were adopted (YTD).
-- Denominator: looked-after episodes that ended from 1 April to the month end
--              with the child leaving care (any reason except X1, which only
--              moves the child to a new episode).
-- Numerator:   those that ended because the child was adopted (E11, E12).
-- Team: the team that held the case on the last day in care (an allocation
-- ending that day still counts).
WITH leaving AS (
    SELECT
        la.episode_id AS item_id,
        la.person_id AS child,
        la.episode_end AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        CASE WHEN la.ceased_reason IN ('E11', 'E12') THEN 1 ELSE 0 END AS in_numerator
    FROM looked_after AS la
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date < la.episode_end
       AND (a.end_date IS NULL OR a.end_date >= la.episode_end)
    WHERE la.episode_end IS NOT NULL
      AND (la.ceased_reason IS NULL OR la.ceased_reason <> 'X1')
),
-- Each leaving is counted once, in the month of its last day in care; the year to date
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
    FROM leaving AS e
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
