-- looked_after: looked-after episodes with the start of the period of care they belong to.
--
-- A child is looked after at date d when episode_start <= d AND
-- (episode_end IS NULL OR episode_end > d).  care_start is the date the child
-- entered care for this period of care (clae_entered_care_date), or the
-- episode start where that is not recorded.
SELECT
    clae_cla_episode_id AS episode_id,
    clae_person_id AS person_id,
    clae_cla_id AS cla_id,
    clae_cla_episode_start_date AS episode_start,
    clae_cla_episode_ceased_date AS episode_end,
    clae_cla_episode_ceased_reason AS ceased_reason,
    COALESCE(clae_entered_care_date, clae_cla_episode_start_date) AS care_start
FROM ssd_cla_episodes
