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
-- Each enquiry is counted once, in the month of its end date; the year to date
-- then adds up the months from 1 April to the month computed.  A UASC child
-- leaves the excl-uasc cohort from the month their UASC status began.
by_month AS (
    SELECT
        e.team_id,
        d.fy_start,
        d.month_start,
        x.uasc_month,
        SUM(e.in_numerator) AS numerator,
        COUNT(*) AS denominator
    FROM enquiry AS e
    JOIN calendar AS d ON d.cal_date = e.event_date
    LEFT JOIN uasc AS x ON x.person_id = e.child
    GROUP BY e.team_id, d.fy_start, d.month_start, x.uasc_month
)
SELECT
    u.unit_id AS unit,
    m.period,
    c.cohort,
    SUM(b.numerator) AS numerator,
    SUM(b.denominator) AS denominator
FROM by_month AS b
JOIN months AS m ON m.fy_start = b.fy_start AND b.month_start <= m.period_start
JOIN unit_tree AS u ON u.team_id = b.team_id
JOIN cohorts AS c
    ON c.cohort = 'all'
    OR (c.cohort = 'excl-uasc' AND (b.uasc_month IS NULL OR b.uasc_month > m.period_start))
GROUP BY u.unit_id, m.period, c.cohort
