-- scorepack: year-to-date events
-- 38. % of CP social work reports rated good or outstanding (YTD).
-- Denominator: CP social work reports rated from 1 April to the month end
--              (ext_quality_ratings with qar_item_type 'cp-report').
-- Numerator:   those graded Good or Outstanding.
-- Team: the team holding the child's case on the rating date, else the
-- rating's own team.
-- The events: one row per rating, counted in the month of its date.
SELECT
    q.qar_rating_id AS item_id,
    q.qar_person_id AS child,
    q.qar_rated_date AS event_date,
    COALESCE(a.team_id, q.qar_team_id, '(unassigned)') AS team_id,
    CASE WHEN UPPER(q.qar_grade) IN ('GOOD', 'OUTSTANDING') THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ext_quality_ratings AS q
LEFT JOIN allocation AS a
    ON a.person_id = q.qar_person_id
   AND a.start_date <= q.qar_rated_date
   AND (a.end_date IS NULL OR a.end_date > q.qar_rated_date)
WHERE LOWER(q.qar_item_type) = 'cp-report'
