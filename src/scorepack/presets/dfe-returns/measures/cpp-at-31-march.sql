-- scorepack: year-to-date events
-- DfE d5 CPP_At31: of this authority's CP plans open at the end of 31 March
-- (other-authority plans left out): their number (the numerator; the value of a count).
-- One event per plan open on a 31 March, dated that day, so the figure for
-- March is the number at 31 March.  Top unit only.
SELECT
    p.cppl_person_id AS child,
    d.cal_date AS event_date,
    '(unassigned)' AS team_id,
    1 AS numerator,
    1 AS denominator
FROM ssd_cp_plans AS p
JOIN calendar AS d
    ON EXTRACT(MONTH FROM d.cal_date) = 3 AND EXTRACT(DAY FROM d.cal_date) = 31
   AND p.cppl_cp_plan_start_date <= d.cal_date
   AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > d.cal_date)
WHERE COALESCE(p.cppl_cp_plan_ola, 'N') <> 'Y'
