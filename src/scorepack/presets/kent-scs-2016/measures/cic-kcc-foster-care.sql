-- 21. % of children in foster care placed with the council's own foster carers
-- or with relatives and friends (snapshot at month end).
-- Denominator: children looked after at the month end whose current placement
--              is foster care (placement type U1 to U6).
-- Numerator:   those placed with relatives or friends (U1 to U3) or with the
--              council's own carers (provider PR1, own provision).
-- Team: the team holding the case at the month end.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        pl.clap_person_id AS item_id,
        pl.clap_person_id AS child,
        MAX(CASE
            WHEN pl.clap_cla_placement_type IN ('U1', 'U2', 'U3')
              OR pl.clap_cla_placement_provider = 'PR1'
            THEN 1 ELSE 0
        END) AS in_numerator
    FROM ssd_cla_placement AS pl
    JOIN months AS m
        ON pl.clap_cla_placement_start_date <= m.period_end
       AND (pl.clap_cla_placement_end_date IS NULL OR pl.clap_cla_placement_end_date > m.period_end)
    JOIN looked_after AS la
        ON la.person_id = pl.clap_person_id
       AND la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    LEFT JOIN allocation AS a
        ON a.person_id = pl.clap_person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    WHERE pl.clap_cla_placement_type IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
    GROUP BY m.period, COALESCE(a.team_id, '(unassigned)'), pl.clap_person_id
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
