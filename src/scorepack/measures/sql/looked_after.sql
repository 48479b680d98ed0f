-- looked_after: looked-after episodes with the start of the period of care they belong to.
--
-- A child is looked after at date d when episode_start <= d AND
-- (episode_end IS NULL OR episode_end > d).  care_start is the date the child
-- entered care for this period of care (clae_entered_care_date), or the
-- episode start where that is not recorded.
-- Short breaks are left out, as the DfE leaves them out of every looked-after
-- figure: an episode whose legal status on its first day (ssd_legal_status)
-- is V3 or V4 (a single short break, or a series of short breaks) is not a
-- looked-after episode.  same_carers is 1 for an episode that began with the
-- SSDA903 reason T or U (a change of placement with the same carers).
SELECT
    e.clae_cla_episode_id AS episode_id,
    e.clae_person_id AS person_id,
    e.clae_cla_id AS cla_id,
    e.clae_cla_episode_start_date AS episode_start,
    e.clae_cla_episode_ceased_date AS episode_end,
    e.clae_cla_episode_ceased_reason AS ceased_reason,
    COALESCE(e.clae_entered_care_date, e.clae_cla_episode_start_date) AS care_start,
    CASE WHEN UPPER(e.clae_cla_episode_start_reason) IN ('T', 'U') THEN 1 ELSE 0 END
        AS same_carers
FROM ssd_cla_episodes AS e
WHERE NOT EXISTS (
    SELECT 1 FROM ssd_legal_status AS ls
    WHERE ls.lega_person_id = e.clae_person_id
      AND UPPER(ls.lega_legal_status) IN ('V3', 'V4')
      AND ls.lega_legal_status_start_date <= e.clae_cla_episode_start_date
      AND (ls.lega_legal_status_end_date IS NULL
           OR ls.lega_legal_status_end_date > e.clae_cla_episode_start_date)
)
