-- 18. % of initial CP conferences that lead to a CP plan (YTD).
-- Denominator: initial conferences held from 1 April to the month end,
--              leaving out transfer-in conferences.
-- Numerator:   those whose outcome was a CP plan (icpc_icpc_outcome_cp_flag = Y).
-- Team: the team holding the case on the conference date, else the
-- conference's own team.
WITH conference AS (
    SELECT
        cc.icpc_icpc_id AS item_id,
        cc.icpc_person_id AS child,
        cc.icpc_icpc_date AS event_date,
        COALESCE(a.team_id, cc.icpc_icpc_team, '(unassigned)') AS team_id,
        CASE WHEN cc.icpc_icpc_outcome_cp_flag = 'Y' THEN 1 ELSE 0 END AS in_numerator
    FROM ssd_initial_cp_conference AS cc
    LEFT JOIN allocation AS a
        ON a.person_id = cc.icpc_person_id
       AND a.start_date <= cc.icpc_icpc_date
       AND (a.end_date IS NULL OR a.end_date > cc.icpc_icpc_date)
    WHERE cc.icpc_icpc_date IS NOT NULL
      AND (cc.icpc_icpc_transfer_in IS NULL OR cc.icpc_icpc_transfer_in <> 'Y')
),
-- Each conference is counted once, in the month of its date; the year to date
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
    FROM conference AS e
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
