-- scorepack: year-to-date events
-- DfE CLA on 31 March (children_count): children looked after at the end of
-- 31 March, each counted once, short breaks left out.  One event per child,
-- dated that 31 March: the figure for March is the number then.  Top unit only.
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
)
SELECT
    a.child,
    a.day AS event_date,
    '(unassigned)' AS team_id,
    1 AS numerator,
    1 AS denominator
FROM at_31_march AS a
