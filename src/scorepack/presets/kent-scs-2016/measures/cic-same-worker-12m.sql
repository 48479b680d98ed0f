-- 27. % of children in care for 18 months who have had the same worker for the last 12 months
-- (snapshot at month end).
-- Denominator: children looked after at the month end who have been in care
--              continuously for at least 18 months.
-- Numerator:   those whose allocation at the month end began on or before the
--              same day 12 months earlier (one worker throughout).
-- Team: the team holding the case at the month end.
-- Records: items.
WITH in_care AS (
    SELECT DISTINCT m.period, m.period_end, la.person_id AS child
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    WHERE la.care_start <= DATE_ADD(m.period_end, INTERVAL (-18) MONTH)
),
items AS (
    SELECT
        ic.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        ic.child AS item_id,
        ic.child,
        CASE
            WHEN a.start_date <= DATE_ADD(ic.period_end, INTERVAL (-12) MONTH) THEN 1 ELSE 0
        END AS in_numerator
    FROM in_care AS ic
    LEFT JOIN allocation AS a
        ON a.person_id = ic.child
       AND a.start_date <= ic.period_end
       AND (a.end_date IS NULL OR a.end_date > ic.period_end)
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
