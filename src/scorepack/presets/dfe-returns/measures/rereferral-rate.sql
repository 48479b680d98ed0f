-- scorepack: year-to-date events
-- DfE c1 rereferral_percent: % of the year's referrals made within 12 months of a
-- previous referral of the same child (an earlier referral dated no more than 12
-- months before; one on the same day does not count).
-- Authority-level: every event counts for the top unit only.
SELECT
    r.cine_person_id AS child,
    r.cine_referral_date AS event_date,
    '(unassigned)' AS team_id,
    CASE WHEN EXISTS (
        SELECT 1
        FROM ssd_cin_episodes AS earlier
        WHERE earlier.cine_person_id = r.cine_person_id
          AND earlier.cine_referral_date < r.cine_referral_date
          AND earlier.cine_referral_date >= DATE_ADD(r.cine_referral_date, INTERVAL (-12) MONTH)
    ) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_cin_episodes AS r
