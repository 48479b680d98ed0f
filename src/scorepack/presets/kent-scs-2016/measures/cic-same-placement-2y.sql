-- 20. Placement stability: % of children in care in the same placement for the last 2 years
-- (snapshot at month end, DfE definition).
-- Denominator: children looked after at the month end who are under 16 on
--              that day and have been in care continuously for at least
--              2.5 years (their period of care began on or before the same day
--              30 months earlier).
-- Numerator:   those whose current placement began on or before the same day
--              2 years earlier.  A placement that began with an episode whose
--              reason is U or B (a move with the same carers, SSDA903) runs on
--              from the one before it: the placement's start is the latest
--              start, on or before it, of a placement that was not such a move.
-- Team: the team holding the case at the month end.
-- Records: items.
WITH in_care AS (
    SELECT DISTINCT m.period, m.period_end, la.person_id AS child
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    JOIN ssd_person AS p ON p.pers_person_id = la.person_id
    WHERE la.care_start <= DATE_ADD(m.period_end, INTERVAL (-30) MONTH)
      AND p.pers_dob > DATE_ADD(m.period_end, INTERVAL (-16) YEAR)
),
-- The placements that begin a run: those that did not begin with a move with
-- the same carers.
run_start AS (
    SELECT run.clap_person_id AS child, run.clap_cla_placement_start_date AS start_date
    FROM ssd_cla_placement AS run
    WHERE NOT EXISTS (
        SELECT 1 FROM looked_after AS same
        WHERE same.person_id = run.clap_person_id
          AND same.same_carers = 1
          AND same.episode_start = run.clap_cla_placement_start_date
    )
),
-- Each placement with the start of the run it belongs to.
placement AS (
    SELECT
        pl.clap_person_id AS child,
        pl.clap_cla_placement_start_date AS start_date,
        pl.clap_cla_placement_end_date AS end_date,
        MAX(r.start_date) AS run_start
    FROM ssd_cla_placement AS pl
    JOIN run_start AS r
        ON r.child = pl.clap_person_id
       AND r.start_date <= pl.clap_cla_placement_start_date
    GROUP BY pl.clap_person_id, pl.clap_cla_placement_start_date, pl.clap_cla_placement_end_date
),
-- The children in care whose current placement's run began 2 years ago or more.
stable AS (
    SELECT DISTINCT ic.period, ic.child
    FROM in_care AS ic
    JOIN placement AS pl
        ON pl.child = ic.child
       AND pl.start_date <= ic.period_end
       AND (pl.end_date IS NULL OR pl.end_date > ic.period_end)
    WHERE pl.run_start <= DATE_ADD(ic.period_end, INTERVAL (-24) MONTH)
),
items AS (
    SELECT
        ic.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        ic.child AS item_id,
        ic.child,
        CASE WHEN s.child IS NULL THEN 0 ELSE 1 END AS in_numerator
    FROM in_care AS ic
    LEFT JOIN stable AS s ON s.period = ic.period AND s.child = ic.child
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
