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
-- Each referral is counted once, in the month of its date; the year to date
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
    FROM referral AS e
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
