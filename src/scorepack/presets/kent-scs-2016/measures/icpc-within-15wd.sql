-- scorepack: year-to-date events
-- 17. % of initial CP conferences held within 15 working days of the S47 enquiry starting (YTD).
-- Denominator: initial conferences held from 1 April to the month end that
--              followed a recorded S47 enquiry, leaving out transfer-in
--              conferences.
-- Numerator:   those held no more than 15 working days after the enquiry
--              (strategy discussion) started; weekends and England and Wales
--              bank holidays are not working days, the start day is day 0.
-- Team: the team holding the case on the conference date, else the
-- conference's own team.
-- The events: one row per conference, counted in the month of its date.
SELECT
    cc.icpc_icpc_id AS item_id,
    cc.icpc_person_id AS child,
    cc.icpc_icpc_date AS event_date,
    COALESCE(a.team_id, cc.icpc_icpc_team, '(unassigned)') AS team_id,
    CASE WHEN held.working_day_no - began.working_day_no <= 15 THEN 1 ELSE 0 END
        AS numerator,
    1 AS denominator
FROM ssd_initial_cp_conference AS cc
JOIN ssd_s47_enquiry AS s ON s.s47e_s47_enquiry_id = cc.icpc_s47_enquiry_id
JOIN calendar AS began ON began.cal_date = s.s47e_s47_start_date
JOIN calendar AS held ON held.cal_date = cc.icpc_icpc_date
LEFT JOIN allocation AS a
    ON a.person_id = cc.icpc_person_id
   AND a.start_date <= cc.icpc_icpc_date
   AND (a.end_date IS NULL OR a.end_date > cc.icpc_icpc_date)
WHERE cc.icpc_icpc_transfer_in IS NULL OR cc.icpc_icpc_transfer_in <> 'Y'
