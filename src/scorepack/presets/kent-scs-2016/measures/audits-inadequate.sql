-- scorepack: year-to-date events
-- 37. % of case file audits rated inadequate (YTD).
-- Denominator: case file audits completed from 1 April to the month end.
-- Numerator:   those graded Inadequate.
-- Team: the team holding the child's case on the audit's date, else the
-- audit's own team.
-- The events: one row per audit, counted in the month of its completion date.
SELECT
    f.cfa_audit_id AS item_id,
    f.cfa_person_id AS child,
    f.cfa_completed_date AS event_date,
    COALESCE(a.team_id, f.cfa_team_id, '(unassigned)') AS team_id,
    CASE WHEN UPPER(f.cfa_grade) = 'INADEQUATE' THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ext_case_audits AS f
LEFT JOIN allocation AS a
    ON a.person_id = f.cfa_person_id
   AND a.start_date <= f.cfa_completed_date
   AND (a.end_date IS NULL OR a.end_date > f.cfa_completed_date)
WHERE f.cfa_completed_date IS NOT NULL
