-- scorepack: year-to-date events
-- 1. % of referrals with a previous referral within 12 months (YTD, DfE definition).
-- Denominator: referrals received from 1 April to the month end.
-- Numerator:   those where the same child had an earlier referral dated no more
--              than 12 months before (a referral exactly 12 months after the last
--              one counts as a re-referral; one on the same day does not).
-- Team: the team holding the child's case on the referral date, else the team
-- that took the referral.
-- The events: one row per referral, counted in the month of its date.
-- Referrals with an earlier one in the 12 months before: a join per child,
-- not a sub-query per referral, so that every warehouse plans it as one pass.
WITH repeated AS (
    SELECT r.cine_referral_id, r.cine_person_id, r.cine_referral_date
    FROM ssd_cin_episodes AS r
    JOIN ssd_cin_episodes AS earlier
        ON earlier.cine_person_id = r.cine_person_id
       AND earlier.cine_referral_date < r.cine_referral_date
       AND earlier.cine_referral_date >= DATE_ADD(r.cine_referral_date, INTERVAL (-12) MONTH)
    GROUP BY r.cine_referral_id, r.cine_person_id, r.cine_referral_date
)
SELECT
    r.cine_referral_id AS item_id,
    r.cine_person_id AS child,
    r.cine_referral_date AS event_date,
    COALESCE(a.team_id, r.cine_referral_team, '(unassigned)') AS team_id,
    CASE WHEN x.cine_referral_id IS NULL THEN 0 ELSE 1 END AS numerator,
    1 AS denominator
FROM ssd_cin_episodes AS r
LEFT JOIN repeated AS x
    ON x.cine_referral_id = r.cine_referral_id
   AND x.cine_person_id = r.cine_person_id
   AND x.cine_referral_date = r.cine_referral_date
LEFT JOIN allocation AS a
    ON a.person_id = r.cine_person_id
   AND a.start_date <= r.cine_referral_date
   AND (a.end_date IS NULL OR a.end_date > r.cine_referral_date)
