-- Activity: C&F assessments in the month (flow).
-- Assessments authorised (completed) in the month.  Team: the team holding
-- the case on the authorisation date, else the assessment's own team.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, s.cina_assessment_team, '(unassigned)') AS team_id,
        s.cina_assessment_id AS item_id,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM ssd_cin_assessments AS s
    JOIN months AS m ON s.cina_assessment_auth_date BETWEEN m.period_start AND m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = s.cina_person_id
       AND a.start_date <= s.cina_assessment_auth_date
       AND (a.end_date IS NULL OR a.end_date > s.cina_assessment_auth_date)
    LEFT JOIN uasc AS x ON x.person_id = s.cina_person_id AND x.uasc_from <= m.period_end
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    COUNT(*) AS numerator,
    CAST(NULL AS INTEGER) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND i.is_uasc = 0)
GROUP BY u.unit_id, i.period, c.cohort
