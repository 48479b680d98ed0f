-- 2. % of C&F assessments carried out within 45 working days (YTD).
-- Denominator: assessments authorised (completed) from 1 April to the month end.
-- Numerator:   those authorised no more than 45 working days after they started.
--              Working days leave out weekends and England and Wales bank
--              holidays; the start day is day 0.
-- Team: the team holding the case on the authorisation date, else the
-- assessment's own team.
WITH assessment AS (
    SELECT
        s.cina_assessment_id AS item_id,
        s.cina_person_id AS child,
        s.cina_assessment_auth_date AS event_date,
        COALESCE(a.team_id, s.cina_assessment_team, '(unassigned)') AS team_id,
        CASE WHEN done.working_day_no - began.working_day_no <= 45 THEN 1 ELSE 0 END
            AS in_numerator
    FROM ssd_cin_assessments AS s
    JOIN calendar AS began ON began.cal_date = s.cina_assessment_start_date
    JOIN calendar AS done ON done.cal_date = s.cina_assessment_auth_date
    LEFT JOIN allocation AS a
        ON a.person_id = s.cina_person_id
       AND a.start_date <= s.cina_assessment_auth_date
       AND (a.end_date IS NULL OR a.end_date > s.cina_assessment_auth_date)
),
-- Each assessment is counted once, in the month of its authorisation date; the year to date
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
    FROM assessment AS e
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
