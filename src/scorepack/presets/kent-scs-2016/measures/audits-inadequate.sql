-- 37. % of case file audits rated inadequate (YTD).
-- Denominator: case file audits completed from 1 April to the month end.
-- Numerator:   those graded Inadequate.
-- Team: the team holding the child's case on the audit's date, else the
-- audit's own team.
WITH audit AS (
    SELECT
        f.cfa_audit_id AS item_id,
        f.cfa_person_id AS child,
        f.cfa_completed_date AS event_date,
        COALESCE(a.team_id, f.cfa_team_id, '(unassigned)') AS team_id,
        CASE WHEN UPPER(f.cfa_grade) = 'INADEQUATE' THEN 1 ELSE 0 END AS in_numerator
    FROM ext_case_audits AS f
    LEFT JOIN allocation AS a
        ON a.person_id = f.cfa_person_id
       AND a.start_date <= f.cfa_completed_date
       AND (a.end_date IS NULL OR a.end_date > f.cfa_completed_date)
    WHERE f.cfa_completed_date IS NOT NULL
),
-- Each audit is counted once, in the month of its completion date; the year to date
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
    FROM audit AS e
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
