-- scorepack: year-to-date events
-- DfE c1 referral_count: referrals received in the year (1 April to 31 March).
-- One event per referral, on its date.  Authority-level: every event counts for
-- the top unit only (team '(unassigned)'), so no team rule is involved.
SELECT
    r.cine_person_id AS child,
    r.cine_referral_date AS event_date,
    '(unassigned)' AS team_id,
    1 AS numerator,
    1 AS denominator
FROM ssd_cin_episodes AS r
