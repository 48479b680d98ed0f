-- 31. % of children leaving care who were adopted (YTD).
-- Denominator: children who left care from 1 April to the month end (an
--              episode ending for any reason except X1, which only moves the
--              child to a new episode), each counted once however often they
--              left (DfE: children, not episodes).
-- Numerator:   those of them whose leaving in that time was an adoption (E11,
--              E12).
-- Team: the team that held the case on the last day in care of the child's
-- latest leaving in the year to the month end (an allocation ending that day
-- still counts).
-- Records: items (one row per child).
WITH leavings AS (
    SELECT
        m.period,
        la.person_id AS child,
        la.episode_id,
        la.episode_end,
        MAX(CASE WHEN la.ceased_reason IN ('E11', 'E12') THEN 1 ELSE 0 END)
            OVER (PARTITION BY m.period, la.person_id) AS adopted,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        ROW_NUMBER() OVER (
            PARTITION BY m.period, la.person_id
            ORDER BY la.episode_end DESC, la.episode_id DESC, a.start_date DESC
        ) AS latest
    FROM looked_after AS la
    JOIN months AS m ON la.episode_end BETWEEN m.fy_start AND m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date < la.episode_end
       AND (a.end_date IS NULL OR a.end_date >= la.episode_end)
    WHERE la.ceased_reason IS NULL OR la.ceased_reason <> 'X1'
),
items AS (
    SELECT
        l.period,
        l.team_id,
        l.child AS item_id,
        l.child,
        l.adopted AS in_numerator
    FROM leavings AS l
    WHERE l.latest = 1
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
