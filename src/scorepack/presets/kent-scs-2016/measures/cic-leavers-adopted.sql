-- 31. % of children leaving care who were adopted (YTD).
-- Denominator: looked-after episodes that ended from 1 April to the month end
--              with the child leaving care (any reason except X1, which only
--              moves the child to a new episode).
-- Numerator:   those that ended because the child was adopted (E11, E12).
-- Team: the team that held the case on the last day in care (an allocation
-- ending that day still counts).
WITH leaving AS (
    SELECT
        la.episode_id AS item_id,
        la.person_id AS child,
        la.episode_end AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        CASE WHEN la.ceased_reason IN ('E11', 'E12') THEN 1 ELSE 0 END AS in_numerator
    FROM looked_after AS la
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date < la.episode_end
       AND (a.end_date IS NULL OR a.end_date >= la.episode_end)
    WHERE la.episode_end IS NOT NULL
      AND (la.ceased_reason IS NULL OR la.ceased_reason <> 'X1')
),
items AS (
    SELECT
        m.period,
        l.team_id,
        l.item_id,
        l.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM leaving AS l
    JOIN months AS m ON l.event_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = l.child AND x.uasc_from <= m.period_end
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
