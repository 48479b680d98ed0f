-- scorepack: year-to-date events
-- 1. % of referrals with a previous referral within 12 months (YTD, DfE definition).
-- Denominator: referrals received from 1 April to the month end.
-- Numerator:   those where the same child had an earlier referral dated no more
--              than 12 months before (a referral exactly 12 months after the last
--              one counts as a re-referral; one on the same day does not).
-- Team: the team holding the child's case on the referral date, else the team
-- that took the referral.
-- The events: one row per referral, counted in the month of its date.
SELECT
    r.cine_referral_id AS item_id,
    r.cine_person_id AS child,
    r.cine_referral_date AS event_date,
    COALESCE(a.team_id, r.cine_referral_team, '(unassigned)') AS team_id,
    CASE WHEN EXISTS (
        SELECT 1
        FROM ssd_cin_episodes AS earlier
        WHERE earlier.cine_person_id = r.cine_person_id
          AND earlier.cine_referral_date < r.cine_referral_date
          AND earlier.cine_referral_date >= DATE_ADD(r.cine_referral_date, INTERVAL (-12) MONTH)
    ) THEN 1 ELSE 0 END AS numerator,
    1 AS denominator
FROM ssd_cin_episodes AS r
LEFT JOIN allocation AS a
    ON a.person_id = r.cine_person_id
   AND a.start_date <= r.cine_referral_date
   AND (a.end_date IS NULL OR a.end_date > r.cine_referral_date)
