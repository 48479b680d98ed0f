-- scorepack: year-to-date events
-- 4. % of children seen at C&F assessment, excluding unborn children (YTD).
-- Denominator: assessments authorised from 1 April to the month end, leaving
--              out children not yet born when the assessment started (no date
--              of birth, or one after the start).  The SSD cannot tell missing
--              children apart, so they stay in.
-- Numerator:   those where the child was seen (cina_assessment_child_seen = Y).
-- Team: the team holding the case on the authorisation date, else the
-- assessment's own team.
-- The events: one row per assessment, counted in the month of its authorisation date.
SELECT
    s.cina_assessment_id AS item_id,
    s.cina_person_id AS child,
    s.cina_assessment_auth_date AS event_date,
    COALESCE(a.team_id, s.cina_assessment_team, '(unassigned)') AS team_id,
    CASE WHEN s.cina_assessment_child_seen = 'Y' THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_cin_assessments AS s
JOIN ssd_person AS p ON p.pers_person_id = s.cina_person_id
LEFT JOIN allocation AS a
    ON a.person_id = s.cina_person_id
   AND a.start_date <= s.cina_assessment_auth_date
   AND (a.end_date IS NULL OR a.end_date > s.cina_assessment_auth_date)
WHERE p.pers_dob IS NOT NULL
  AND p.pers_dob <= s.cina_assessment_start_date
