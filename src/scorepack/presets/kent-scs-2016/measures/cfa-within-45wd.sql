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
items AS (
    SELECT
        m.period,
        s.team_id,
        s.item_id,
        s.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM assessment AS s
    JOIN months AS m ON s.event_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = s.child AND x.uasc_from <= m.period_end
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
