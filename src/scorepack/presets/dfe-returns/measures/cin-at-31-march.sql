-- scorepack: year-to-date events
-- DfE b1 At31_episodes: children in need episodes open at the end of 31 March
-- (children on a CIN or CP plan and looked-after children included).
-- One event per episode open on a 31 March, dated that day: the figure for
-- March is the count at 31 March.  Authority-level: the top unit only.
SELECT
    r.cine_person_id AS child,
    d.cal_date AS event_date,
    '(unassigned)' AS team_id,
    1 AS numerator,
    1 AS denominator
FROM ssd_cin_episodes AS r
JOIN calendar AS d
    ON EXTRACT(MONTH FROM d.cal_date) = 3 AND EXTRACT(DAY FROM d.cal_date) = 31
   AND r.cine_referral_date <= d.cal_date
   AND (r.cine_close_date IS NULL OR r.cine_close_date > d.cal_date)
