-- Activity: children ceasing to be looked after in the month (flow).
-- Children with an episode ending in the month for any reason except X1
-- (which only moves the child to a new episode), each counted once however
-- often they left in the month.  Team: the team that held the case on the
-- last day in care of their latest leaving in the month (an allocation ending
-- that day still counts).
-- Records: items (one row per child).
WITH leavings AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        la.person_id AS item_id,
        la.person_id AS child,
        ROW_NUMBER() OVER (
            PARTITION BY m.period, la.person_id
            ORDER BY la.episode_end DESC, la.episode_id DESC, a.start_date DESC
        ) AS latest
    FROM looked_after AS la
    -- The month of the date, by its calendar day: one look-up, not a comparison with every month.
    JOIN calendar AS on_day ON on_day.cal_date = la.episode_end
    JOIN months AS m ON m.period_start = on_day.month_start
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date < la.episode_end
       AND (a.end_date IS NULL OR a.end_date >= la.episode_end)
    WHERE la.ceased_reason IS NULL OR la.ceased_reason <> 'X1'
),
items AS (
    SELECT period, team_id, item_id, child FROM leavings WHERE latest = 1
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
