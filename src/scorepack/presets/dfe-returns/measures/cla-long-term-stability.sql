-- scorepack: year-to-date events
-- DfE placement stability, children under 16 looked after continuously for at
-- least 2.5 years on 31 March: the % living in the same placement for at least
-- 2 years.  The placement at 31 March began with its latest new carer: a change
-- of placement with the same carer (episode reason T or U) continues it, so a
-- foster placement that becomes an adoptive one with the same carers counts from
-- its first day.  Short breaks left out.  Top unit only.
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
carer_since AS (
    SELECT a.child, a.day, MAX(p.clap_cla_placement_start_date) AS since
    FROM at_31_march AS a
    JOIN ssd_cla_placement AS p
        ON p.clap_person_id = a.child
       AND p.clap_cla_placement_start_date <= a.day
       AND p.clap_cla_placement_start_date >= a.care_start

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
    CASE WHEN c.since <= DATE_ADD(a.day, INTERVAL (-24) MONTH) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM at_31_march AS a
JOIN ssd_person AS pe ON pe.pers_person_id = a.child
LEFT JOIN carer_since AS c ON c.child = a.child AND c.day = a.day
WHERE a.care_start <= DATE_ADD(a.day, INTERVAL (-30) MONTH)
  AND pe.pers_dob > DATE_ADD(a.day, INTERVAL (-192) MONTH)
