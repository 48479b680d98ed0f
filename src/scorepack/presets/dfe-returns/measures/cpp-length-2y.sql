-- scorepack: year-to-date events
-- DfE d5 1_year_less_than_2_years_percent: of this authority's CP plans open at the end of 31 March
-- (other-authority plans left out), the % open 1 year or more and less than 2 years.
-- One event per plan open on a 31 March, dated that day, so the figure for
-- March is the share at 31 March.  Top unit only.
SELECT
    p.cppl_person_id AS child,
    d.cal_date AS event_date,
    '(unassigned)' AS team_id,
    CASE WHEN p.cppl_cp_plan_start_date <= DATE_ADD(d.cal_date, INTERVAL (-12) MONTH) AND p.cppl_cp_plan_start_date > DATE_ADD(d.cal_date, INTERVAL (-24) MONTH) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_cp_plans AS p
JOIN calendar AS d
    ON EXTRACT(MONTH FROM d.cal_date) = 3 AND EXTRACT(DAY FROM d.cal_date) = 31
   AND p.cppl_cp_plan_start_date <= d.cal_date
   AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > d.cal_date)
WHERE COALESCE(p.cppl_cp_plan_ola, 'N') <> 'Y'
