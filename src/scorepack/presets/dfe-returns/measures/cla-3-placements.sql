-- scorepack: year-to-date events
-- DfE placement stability, CLA on 31 March with 3 or more placements during the
-- year: of the children looked after at 31 March (short breaks left out), the %
-- with three or more placements in the 12 months to 31 March.  The placement
-- current 12 months before counts as one; after it, each new placement counts
-- unless it is a change of placement with the same carer (the episode starting
-- with it has reason T or U), which continues the placement.  Top unit only.
WITH at_31_march AS (
    -- Children looked after at the end of a 31 March, with the start of their
    -- period of care (its earliest episode, so a blank entered-care date does
    -- not matter); a child on a short break then (legal status V3 or V4) is
    -- left out, as the DfE leaves short breaks out.
    SELECT
        e.clae_person_id AS child,
        d.cal_date AS day,
        MIN(s.clae_cla_episode_start_date) AS care_start
    FROM ssd_cla_episodes AS e
    JOIN calendar AS d
        ON EXTRACT(MONTH FROM d.cal_date) = 3 AND EXTRACT(DAY FROM d.cal_date) = 31
       AND e.clae_cla_episode_start_date <= d.cal_date
       AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > d.cal_date)
    JOIN ssd_cla_episodes AS s ON s.clae_cla_id = e.clae_cla_id
    WHERE NOT EXISTS (
        SELECT 1
        FROM ssd_legal_status AS l
        WHERE l.lega_person_id = e.clae_person_id
          AND l.lega_legal_status IN ('V3', 'V4')
          AND l.lega_legal_status_start_date <= d.cal_date
          AND (l.lega_legal_status_end_date IS NULL OR l.lega_legal_status_end_date > d.cal_date)
    )
    GROUP BY e.clae_person_id, d.cal_date
),
moves AS (
    SELECT a.child, a.day, COUNT(*) AS n
    FROM at_31_march AS a
    JOIN ssd_cla_placement AS p
        ON p.clap_person_id = a.child
       AND p.clap_cla_placement_start_date <= a.day
       AND p.clap_cla_placement_start_date > DATE_ADD(a.day, INTERVAL (-12) MONTH)

        -- a new placement with a new carer: not a same-carer change (the
        -- episode starting with it has reason T or U)
          AND NOT EXISTS (
              SELECT 1
              FROM ssd_cla_episodes AS same
              WHERE same.clae_person_id = p.clap_person_id
                AND same.clae_cla_episode_start_date = p.clap_cla_placement_start_date
                AND same.clae_cla_episode_start_reason IN ('T', 'U')
          )
    GROUP BY a.child, a.day
)
SELECT
    a.child,
    a.day AS event_date,
    '(unassigned)' AS team_id,
    CASE WHEN COALESCE(m.n, 0) + CASE WHEN a.care_start <= DATE_ADD(a.day, INTERVAL (-12) MONTH)
        THEN 1 ELSE 0 END >= 3 THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM at_31_march AS a
LEFT JOIN moves AS m ON m.child = a.child AND m.day = a.day
