-- 3. Number of C&F assessments in progress outside of timescale (snapshot, count).
-- Assessments started on or before the month end and not authorised by it,
-- that had already run more than 45 working days at the month end.
-- Team: the team holding the case at the month end, else the assessment's team.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, s.cina_assessment_team, '(unassigned)') AS team_id,
        s.cina_assessment_id AS item_id,
        s.cina_person_id AS child
    FROM ssd_cin_assessments AS s
    JOIN months AS m
        ON s.cina_assessment_start_date <= m.period_end
       AND (s.cina_assessment_auth_date IS NULL OR s.cina_assessment_auth_date > m.period_end)
    JOIN calendar AS began ON began.cal_date = s.cina_assessment_start_date
    JOIN calendar AS month_end ON month_end.cal_date = m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = s.cina_person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    WHERE month_end.working_day_no - began.working_day_no > 45
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    COUNT(*) AS numerator,
    CAST(NULL AS INTEGER) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
