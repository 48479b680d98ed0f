-- 19. Placement stability: % of children in care with 3 or more placements in the last 12 months
-- (snapshot at month end, DfE definition).
-- Denominator: children looked after at the month end.
-- Numerator:   those with three or more placements current at some time in
--              the 12 months ending on the month end (the placement they were
--              in at the start of the 12 months counts as one).  A placement
--              that began with an episode whose reason is U or B (a move with
--              the same carers, SSDA903) continues the one before it and is not
--              counted again (DfE definition).
-- Team: the team holding the case at the month end.
-- Records: items.
WITH in_care AS (
    SELECT DISTINCT m.period, m.period_end, m.r12m_start, la.person_id AS child
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
),
-- The placements that began with a move with the same carers.
same_carers AS (
    SELECT DISTINCT person_id, episode_start
    FROM looked_after
    WHERE same_carers = 1
),
placements AS (
    SELECT ic.period, ic.child, COUNT(DISTINCT p.clap_cla_placement_id) AS placements
    FROM in_care AS ic
    JOIN ssd_cla_placement AS p
        ON p.clap_person_id = ic.child
       AND p.clap_cla_placement_start_date <= ic.period_end
       AND (p.clap_cla_placement_end_date IS NULL OR p.clap_cla_placement_end_date > ic.r12m_start)
    LEFT JOIN same_carers AS same
        ON same.person_id = p.clap_person_id
       AND same.episode_start = p.clap_cla_placement_start_date
    WHERE NOT (p.clap_cla_placement_start_date > ic.r12m_start AND same.person_id IS NOT NULL)
    GROUP BY ic.period, ic.child
),
items AS (
    SELECT
        ic.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        ic.child AS item_id,
        ic.child,
        CASE WHEN pl.placements >= 3 THEN 1 ELSE 0 END AS in_numerator
    FROM in_care AS ic
    LEFT JOIN placements AS pl ON pl.period = ic.period AND pl.child = ic.child
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
