-- 35. % of case file audits completed (YTD).
-- Denominator: case file audits due from 1 April to the month end.
-- Numerator:   those completed on or before the month end.
-- Team: the team holding the child's case on the audit's date, else the
-- audit's own team.
WITH audit AS (
    SELECT
        f.cfa_audit_id AS item_id,
        f.cfa_person_id AS child,
        f.cfa_due_date AS due_date,
        f.cfa_completed_date AS completed_date,
        COALESCE(a.team_id, f.cfa_team_id, '(unassigned)') AS team_id
    FROM ext_case_audits AS f
    LEFT JOIN allocation AS a
        ON a.person_id = f.cfa_person_id
       AND a.start_date <= f.cfa_due_date
       AND (a.end_date IS NULL OR a.end_date > f.cfa_due_date)
),
-- An audit enters the denominator in the month it falls due, and the
-- numerator in the month it is completed (or the month it falls due, if it
-- was completed early), within the financial year it fell due.
counted AS (
    SELECT team_id, child, due_date AS year_date, due_date AS event_date,
           0 AS in_numerator, 1 AS in_denominator
    FROM audit
    UNION ALL
    SELECT team_id, child, due_date AS year_date,
           CASE WHEN completed_date > due_date THEN completed_date ELSE due_date END AS event_date,
           1 AS in_numerator, 0 AS in_denominator
    FROM audit
    WHERE completed_date IS NOT NULL
),
-- Each is counted once, in its own month; the year to date then adds up the
-- months from 1 April to the month computed.  A UASC child leaves the
-- excl-uasc cohort from the month their UASC status began.
by_month AS (
    SELECT
        e.team_id,
        y.fy_start,
        d.month_start,
        x.uasc_month,
        SUM(e.in_numerator) AS numerator,
        SUM(e.in_denominator) AS denominator
    FROM counted AS e
    JOIN calendar AS y ON y.cal_date = e.year_date
    JOIN calendar AS d ON d.cal_date = e.event_date
    LEFT JOIN uasc AS x ON x.person_id = e.child
    GROUP BY e.team_id, y.fy_start, d.month_start, x.uasc_month
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
