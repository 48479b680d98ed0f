-- Activity: C&F assessments in the month (flow).
-- Assessments authorised (completed) in the month.  Team: the team holding
-- the case on the authorisation date, else the assessment's own team.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, s.cina_assessment_team, '(unassigned)') AS team_id,
        s.cina_assessment_id AS item_id,
        s.cina_person_id AS child
    FROM ssd_cin_assessments AS s
    -- The month of the date, by its calendar day: one look-up, not a comparison with every month.
    JOIN calendar AS on_day ON on_day.cal_date = s.cina_assessment_auth_date
    JOIN months AS m ON m.period_start = on_day.month_start
    LEFT JOIN allocation AS a
        ON a.person_id = s.cina_person_id
       AND a.start_date <= s.cina_assessment_auth_date
       AND (a.end_date IS NULL OR a.end_date > s.cina_assessment_auth_date)
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
