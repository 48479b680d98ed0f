-- 37. % of case file audits rated inadequate (YTD).
-- Denominator: case file audits completed from 1 April to the month end.
-- Numerator:   those graded Inadequate.
-- Team: the team holding the child's case on the audit's date, else the
-- audit's own team.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, f.cfa_team_id, '(unassigned)') AS team_id,
        f.cfa_audit_id AS item_id,
        CASE WHEN UPPER(f.cfa_grade) = 'INADEQUATE' THEN 1 ELSE 0 END AS in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM ext_case_audits AS f
    JOIN months AS m ON f.cfa_completed_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = f.cfa_person_id
       AND a.start_date <= f.cfa_completed_date
       AND (a.end_date IS NULL OR a.end_date > f.cfa_completed_date)
    LEFT JOIN uasc AS x ON x.person_id = f.cfa_person_id AND x.uasc_from <= m.period_end
    WHERE f.cfa_completed_date IS NOT NULL
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
