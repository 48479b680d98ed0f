-- 1. % of referrals with a previous referral within 12 months (YTD, DfE definition).
-- Denominator: referrals received from 1 April to the month end.
-- Numerator:   those where the same child had an earlier referral dated no more
--              than 12 months before (a referral exactly 12 months after the last
--              one counts as a re-referral; one on the same day does not).
-- Team: the team holding the child's case on the referral date, else the team
-- that took the referral.
WITH referral AS (
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
        ) THEN 1 ELSE 0 END AS in_numerator
    FROM ssd_cin_episodes AS r
    LEFT JOIN allocation AS a
        ON a.person_id = r.cine_person_id
       AND a.start_date <= r.cine_referral_date
       AND (a.end_date IS NULL OR a.end_date > r.cine_referral_date)
),
items AS (
    SELECT
        m.period,
        r.team_id,
        r.item_id,
        r.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM referral AS r
    JOIN months AS m ON r.event_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = r.child AND x.uasc_from <= m.period_end
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
