-- 41. % of caseholding posts filled by agency staff
-- (snapshot at month end).
-- Denominator: full-time equivalent of the caseholding posts in the
--              establishment at the month end (ext_establishment).
-- Numerator:   full-time equivalent of agency workers
--              in caseholding roles at the month end (ext_staff_assignments).
-- Team: the team of the post and of the worker's assignment.  Staffing has no
-- children: no cohort leaves anyone out, so every cohort gets the same figure.  The FTEs come from the
-- building block caseholding_posts (measures/sql/caseholding_posts.sql).
-- Records: items (one row per team: its FTEs).
WITH items AS (
    SELECT p.period, p.team_id, p.team_id AS item_id, p.agency_fte AS numerator, p.posts_fte AS denominator
    FROM caseholding_posts AS p
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.numerator) AS numerator,
    SUM(i.denominator) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
GROUP BY u.unit_id, i.period, c.cohort
