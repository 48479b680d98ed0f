-- allocation: which team (and worker) holds each child's case, day by day.
--
-- Built from the involvements in ssd_involvements of workers whose role holds
-- the case: the roles in the helper table case_roles (the catalogue's
-- case_roles; by default the allocated social worker), or no role recorded.
-- An IRO, a personal adviser or a family support worker does not take the case.
-- When a child's qualifying involvements overlap, the later one takes over on
-- its start date; of two starting the same day, the one with the larger
-- involvement id.  So on any date a child is allocated to at most one team.
-- (An earlier involvement cut short this way does not resume if the later one
-- ends first.)  A period runs from start_date up to, but not including,
-- end_date: a case whose allocation ends on 31 March is not held at 31 March.
-- A child is allocated at date d when start_date <= d AND (end_date IS NULL OR end_date > d).
SELECT
    person_id,
    team_id,
    worker_id,
    start_date,
    CASE
        WHEN next_start IS NOT NULL AND (end_date IS NULL OR next_start < end_date) THEN next_start
        ELSE end_date
    END AS end_date
FROM (
    SELECT
        invo_person_id AS person_id,
        invo_professional_team AS team_id,
        invo_professional_id AS worker_id,
        invo_involvement_start_date AS start_date,
        invo_involvement_end_date AS end_date,
        LEAD(invo_involvement_start_date) OVER (
            PARTITION BY invo_person_id
            ORDER BY invo_involvement_start_date, invo_involvements_id
        ) AS next_start
    FROM ssd_involvements
    WHERE invo_professional_role_id IS NULL
       OR UPPER(LTRIM(RTRIM(invo_professional_role_id))) IN (SELECT role FROM case_roles)
) AS involvement
WHERE next_start IS NULL OR next_start > start_date
