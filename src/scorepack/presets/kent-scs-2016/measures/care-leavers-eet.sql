-- 34. % of care leavers in education, employment or training (YTD, DfE definition).
-- Denominator: former relevant care leavers (eligibility 'Former Relevant' on
--              any of their records) whose 19th, 20th or 21st birthday fell
--              from 1 April to the month end.
-- Numerator:   those whose status around that birthday shows them
--              in education, employment or training (activity codes F1-F5, P1-P5).
--              The status, team and cohort come from the building block
--              care_leaver_status (scorepack/measures/sql): the latest care
--              leaver record dated on or before the month end and no earlier
--              than 3 months before the birthday; without one the care leaver
--              counts as not known.  Team: the team holding the case on the
--              birthday, else the care leaver record's allocated team.
SELECT
    u.unit_id AS unit,
    s.period,
    c.cohort,
    SUM(CASE WHEN SUBSTRING(UPPER(s.activity), 1, 1) IN ('F', 'P') THEN 1 ELSE 0 END) AS numerator,
    COUNT(*) AS denominator
FROM care_leaver_status AS s
JOIN unit_tree AS u ON u.team_id = s.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND s.is_uasc = 0)
GROUP BY u.unit_id, s.period, c.cohort
