-- Activity: children starting to be looked after in the month (flow).
-- Episodes starting in the month that begin a new period of care: no other
-- episode of the same child ended that day with reason X1 (a change of
-- episode within the same period of care).  Team: the team holding the case
-- on the start date.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        la.episode_id AS item_id,
        la.person_id AS child
    FROM looked_after AS la
    -- The month of the date, by its calendar day: one look-up, not a comparison with every month.
    JOIN calendar AS on_day ON on_day.cal_date = la.episode_start
    JOIN months AS m ON m.period_start = on_day.month_start
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date <= la.episode_start
       AND (a.end_date IS NULL OR a.end_date > la.episode_start)
    WHERE NOT EXISTS (
        SELECT 1 FROM looked_after AS earlier
        WHERE earlier.person_id = la.person_id
          AND earlier.episode_id <> la.episode_id
          AND earlier.episode_end = la.episode_start
          AND earlier.ceased_reason = 'X1'
    )
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
