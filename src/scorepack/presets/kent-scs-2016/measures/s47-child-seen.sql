-- 16. % of children seen at section 47 enquiry, excluding unborn children (YTD).
-- Denominator: S47 enquiries that ended from 1 April to the month end, leaving
--              out children not yet born when the enquiry started.
-- Numerator:   those where the child was seen (ext_s47_child_seen).
-- Team: the team that held the case on the enquiry's last day (an allocation
-- ending that same day still counts), else the enquiry's own team.
WITH enquiry AS (
    SELECT
        s.s47e_s47_enquiry_id AS item_id,
        s.s47e_person_id AS child,
        s.s47e_s47_end_date AS event_date,
        COALESCE(a.team_id, s.s47e_s47_completed_by_team, '(unassigned)') AS team_id,
        CASE WHEN seen.s47s_child_seen = 'Y' THEN 1 ELSE 0 END AS in_numerator
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
),
items AS (
    SELECT
        m.period,
        e.team_id,
        e.item_id,
        e.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM enquiry AS e
    JOIN months AS m ON e.event_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = e.child AND x.uasc_from <= m.period_end
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.in_numerator) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND i.is_uasc = 0)
GROUP BY u.unit_id, i.period, c.cohort
