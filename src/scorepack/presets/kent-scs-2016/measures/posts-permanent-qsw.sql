-- 40. % of caseholding posts filled by the council's permanent qualified social workers
-- (snapshot at month end).
-- Denominator: full-time equivalent of the caseholding posts in the
--              establishment at the month end (ext_establishment).
-- Numerator:   full-time equivalent of permanent (not agency) qualified social workers
--              in caseholding roles at the month end (ext_staff_assignments).
-- Team: the team of the post and of the worker's assignment.  Staffing has no
-- children, so only the 'all' cohort is given.  The FTEs come from the
-- building block caseholding_posts (measures/sql/caseholding_posts.sql).
SELECT
    u.unit_id AS unit,
    p.period,
    c.cohort,
    SUM(p.permanent_qsw_fte) AS numerator,
    SUM(p.posts_fte) AS denominator
FROM caseholding_posts AS p
JOIN unit_tree AS u ON u.team_id = p.team_id
JOIN cohorts AS c ON c.cohort = 'all'
GROUP BY u.unit_id, p.period, c.cohort
