-- 34. % of care leavers in education, employment or training (YTD, DfE definition).
-- Denominator: former relevant care leavers (eligibility 'Former Relevant' on
--              any of their records) whose 19th, 20th or 21st birthday fell
--              from 1 April to the month end.
-- Numerator:   those whose status around that birthday shows them
--              in education, employment or training (activity codes F1-F5, P1-P5).
--              The status, team and cohort come from the building block
--              care_leaver_status (scorepack/measures/sql): the latest care
--              leaver record dated from 3 months before the birthday to 1 month
--              after it (and by the month end); without one the care leaver
--              counts as not known.  Team: the team holding the case on the
--              birthday, else the care leaver record's allocated team.
-- Records: items (one row per care leaver).
WITH items AS (
    SELECT
        s.period,
        s.team_id,
        s.child AS item_id,
        s.child,
        CASE WHEN SUBSTRING(UPPER(s.activity), 1, 1) IN ('F', 'P') THEN 1 ELSE 0 END AS in_numerator
    FROM care_leaver_status AS s
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
