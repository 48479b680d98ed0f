-- scorepack: year-to-date events
-- 2. % of C&F assessments carried out within 45 working days (YTD).
-- Denominator: assessments authorised (completed) from 1 April to the month end.
-- Numerator:   those authorised no more than 45 working days after they started.
--              Working days leave out weekends and England and Wales bank
--              holidays; the start day is day 0.
-- Team: the team holding the case on the authorisation date, else the
-- assessment's own team.
-- The events: one row per assessment, counted in the month of its authorisation date.
SELECT
    s.cina_assessment_id AS item_id,
    s.cina_person_id AS child,
    s.cina_assessment_auth_date AS event_date,
    COALESCE(a.team_id, s.cina_assessment_team, '(unassigned)') AS team_id,
    CASE WHEN done.working_day_no - began.working_day_no <= 45 THEN 1 ELSE 0 END
        AS numerator,
    1 AS denominator
FROM ssd_cin_assessments AS s
JOIN calendar AS began ON began.cal_date = s.cina_assessment_start_date
JOIN calendar AS done ON done.cal_date = s.cina_assessment_auth_date
LEFT JOIN allocation AS a
    ON a.person_id = s.cina_person_id
   AND a.start_date <= s.cina_assessment_auth_date
   AND (a.end_date IS NULL OR a.end_date > s.cina_assessment_auth_date)
