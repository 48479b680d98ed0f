-- 39. % of children in care care plans rated good or outstanding (YTD).
-- Denominator: children in care care plans rated from 1 April to the month end
--              (ext_quality_ratings with qar_item_type 'cla-care-plan').
-- Numerator:   those graded Good or Outstanding.
-- Team: the team holding the child's case on the rating date, else the
-- rating's own team.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, q.qar_team_id, '(unassigned)') AS team_id,
        q.qar_rating_id AS item_id,
        CASE WHEN UPPER(q.qar_grade) IN ('GOOD', 'OUTSTANDING') THEN 1 ELSE 0 END AS in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM ext_quality_ratings AS q
    JOIN months AS m ON q.qar_rated_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = q.qar_person_id
       AND a.start_date <= q.qar_rated_date
       AND (a.end_date IS NULL OR a.end_date > q.qar_rated_date)
    LEFT JOIN uasc AS x ON x.person_id = q.qar_person_id AND x.uasc_from <= m.period_end
    WHERE LOWER(q.qar_item_type) = 'cla-care-plan'
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
