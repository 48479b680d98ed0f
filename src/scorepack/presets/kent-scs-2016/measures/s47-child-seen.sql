-- scorepack: year-to-date events
-- 16. % of children seen at section 47 enquiry, excluding unborn children (YTD).
-- Denominator: S47 enquiries that ended from 1 April to the month end, leaving
--              out children not yet born when the enquiry started.
-- Numerator:   those where the child was seen (ext_s47_child_seen).
-- Team: the team that held the case on the enquiry's last day (an allocation
-- ending that same day still counts), else the enquiry's own team.
-- The events: one row per enquiry, counted in the month of its end date.
SELECT
    s.s47e_s47_enquiry_id AS item_id,
    s.s47e_person_id AS child,
    s.s47e_s47_end_date AS event_date,
    COALESCE(a.team_id, s.s47e_s47_completed_by_team, '(unassigned)') AS team_id,
    CASE WHEN seen.s47s_child_seen = 'Y' THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_s47_enquiry AS s
JOIN ssd_person AS p ON p.pers_person_id = s.s47e_person_id
LEFT JOIN ext_s47_child_seen AS seen ON seen.s47s_s47_enquiry_id = s.s47e_s47_enquiry_id
LEFT JOIN allocation AS a
    ON a.person_id = s.s47e_person_id
   AND a.start_date < s.s47e_s47_end_date
   AND (a.end_date IS NULL OR a.end_date >= s.s47e_s47_end_date)
WHERE s.s47e_s47_end_date IS NOT NULL
  AND p.pers_dob IS NOT NULL
  AND p.pers_dob <= s.s47e_s47_start_date
