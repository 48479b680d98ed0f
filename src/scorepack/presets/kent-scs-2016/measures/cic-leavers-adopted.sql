-- scorepack: year-to-date events
-- 31. % of children leaving care who were adopted (YTD).
-- Denominator: looked-after episodes that ended from 1 April to the month end
--              with the child leaving care (any reason except X1, which only
--              moves the child to a new episode).
-- Numerator:   those that ended because the child was adopted (E11, E12).
-- Team: the team that held the case on the last day in care (an allocation
-- ending that day still counts).
-- The events: one row per leaving, counted in the month of its last day in care.
SELECT
    la.episode_id AS item_id,
    la.person_id AS child,
    la.episode_end AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    CASE WHEN la.ceased_reason IN ('E11', 'E12') THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM looked_after AS la
LEFT JOIN allocation AS a
    ON a.person_id = la.person_id
   AND a.start_date < la.episode_end
   AND (a.end_date IS NULL OR a.end_date >= la.episode_end)
WHERE la.episode_end IS NOT NULL
  AND (la.ceased_reason IS NULL OR la.ceased_reason <> 'X1')
