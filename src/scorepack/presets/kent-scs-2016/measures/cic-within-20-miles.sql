-- 22. % of children in care placed within 20 miles of home, excluding UASC
-- (snapshot at month end).
-- Denominator: children looked after at the month end, not UASC, whose
--              current placement has a known distance from home.
-- Numerator:   those placed 20 miles or less from home.
-- Excluded:    a distance that is empty or 999.9 (the SSD's "not known"), or a
--              UASC child.  UASC are left out of both, so a cohort that
--              leaves out UASC gives the same figure.
-- Data quality: the children left out for an empty or 999.9 distance.
-- Records: items (one row per child; excluded gives the reason a child is left out).
-- Team: the team holding the case at the month end.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        pl.clap_person_id AS item_id,
        pl.clap_person_id AS child,
        MAX(CASE WHEN pl.clap_cla_placement_distance <= 20 THEN 1 ELSE 0 END) AS in_numerator,
        MIN(CASE
            WHEN x.person_id IS NOT NULL THEN 'UASC'
            WHEN pl.clap_cla_placement_distance IS NULL THEN 'distance not recorded'
            WHEN pl.clap_cla_placement_distance >= 999.9 THEN 'distance not known (999.9)'
        END) AS excluded
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
    LEFT JOIN uasc AS x ON x.person_id = pl.clap_person_id AND x.uasc_from <= m.period_end
    GROUP BY m.period, COALESCE(a.team_id, '(unassigned)'), pl.clap_person_id
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(CASE WHEN i.excluded IS NULL THEN i.in_numerator ELSE 0 END) AS numerator,
    SUM(CASE WHEN i.excluded IS NULL THEN 1 ELSE 0 END) AS denominator,
    SUM(CASE WHEN i.excluded IS NULL THEN 0 ELSE 1 END) AS data_quality
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
  AND (i.excluded IS NULL OR i.excluded <> 'UASC')
GROUP BY u.unit_id, i.period, c.cohort
