-- scorepack: year-to-date events
-- 18. % of initial CP conferences that lead to a CP plan (YTD).
-- Denominator: initial conferences held from 1 April to the month end,
--              leaving out transfer-in conferences.
-- Numerator:   those whose outcome was a CP plan (icpc_icpc_outcome_cp_flag = Y).
-- Team: the team holding the case on the conference date, else the
-- conference's own team.
-- The events: one row per conference, counted in the month of its date.
SELECT
    cc.icpc_icpc_id AS item_id,
    cc.icpc_person_id AS child,
    cc.icpc_icpc_date AS event_date,
    COALESCE(a.team_id, cc.icpc_icpc_team, '(unassigned)') AS team_id,
    CASE WHEN cc.icpc_icpc_outcome_cp_flag = 'Y' THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_initial_cp_conference AS cc
LEFT JOIN allocation AS a
    ON a.person_id = cc.icpc_person_id
   AND a.start_date <= cc.icpc_icpc_date
   AND (a.end_date IS NULL OR a.end_date > cc.icpc_icpc_date)
WHERE cc.icpc_icpc_date IS NOT NULL
  AND (cc.icpc_icpc_transfer_in IS NULL OR cc.icpc_icpc_transfer_in <> 'Y')
