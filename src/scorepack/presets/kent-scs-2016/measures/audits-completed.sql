-- scorepack: year-to-date events
-- 35. % of case file audits completed (YTD).
-- Denominator: case file audits due from 1 April to the month end.
-- Numerator:   those completed on or before the month end.
-- Team: the team holding the child's case on the audit's date, else the
-- audit's own team.
WITH audit AS (
    SELECT
        f.cfa_audit_id AS item_id,
        f.cfa_person_id AS child,
        f.cfa_due_date AS due_date,
        CASE
            WHEN f.cfa_completed_date > f.cfa_due_date THEN f.cfa_completed_date
            ELSE f.cfa_due_date
        END AS counted_done,
        f.cfa_completed_date AS completed_date,
        COALESCE(a.team_id, f.cfa_team_id, '(unassigned)') AS team_id
    FROM ext_case_audits AS f
    LEFT JOIN allocation AS a
        ON a.person_id = f.cfa_person_id
       AND a.start_date <= f.cfa_due_date
       AND (a.end_date IS NULL OR a.end_date > f.cfa_due_date)
)
-- The events: two rows per audit.  It enters the denominator in the month it
-- falls due, and the numerator in the month it is completed (or the month it
-- falls due, if it was completed early) -- but only within the financial year
-- it fell due: an audit completed after that year has closed never counts as
-- completed.
SELECT item_id, child, due_date AS event_date, team_id, 0 AS numerator, 1 AS denominator
FROM audit
UNION ALL
SELECT e.item_id, e.child, e.counted_done AS event_date, e.team_id, 1 AS numerator, 0 AS denominator
FROM audit AS e
JOIN calendar AS due ON due.cal_date = e.due_date
JOIN calendar AS done ON done.cal_date = e.counted_done
WHERE e.completed_date IS NOT NULL AND done.fy_start = due.fy_start
