-- Activity: children ceasing to be looked after in the month (flow).
-- Episodes ending in the month for any reason except X1 (which only moves the
-- child to a new episode).  Team: the team that held the case on the last day
-- in care (an allocation ending that day still counts).
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        la.episode_id AS item_id,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM looked_after AS la
    JOIN months AS m ON la.episode_end BETWEEN m.period_start AND m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date < la.episode_end
       AND (a.end_date IS NULL OR a.end_date >= la.episode_end)
    LEFT JOIN uasc AS x ON x.person_id = la.person_id AND x.uasc_from <= m.period_end
    WHERE la.ceased_reason IS NULL OR la.ceased_reason <> 'X1'
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
