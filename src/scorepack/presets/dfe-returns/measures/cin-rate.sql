-- scorepack: year-to-date events
-- DfE b1 children in need per 10,000: the episodes of cin-at-31-march, counted
-- at 31 March, with no denominator of their own: the indicator's population
-- (the ONS mid-year estimate, see benchmarks/wiring.py) is the denominator.
SELECT
    r.cine_person_id AS child,
    d.cal_date AS event_date,
    '(unassigned)' AS team_id,
    1 AS numerator,
    CAST(NULL AS INTEGER) AS denominator
FROM ssd_cin_episodes AS r
JOIN calendar AS d
    ON EXTRACT(MONTH FROM d.cal_date) = 3 AND EXTRACT(DAY FROM d.cal_date) = 31
   AND r.cine_referral_date <= d.cal_date
   AND (r.cine_close_date IS NULL OR r.cine_close_date > d.cal_date)
