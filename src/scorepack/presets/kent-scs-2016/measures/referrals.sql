-- Activity: referrals in the month (flow).
-- Referrals dated in the month.  Team: the team holding the case on the
-- referral date, else the team that took the referral.
-- Records: items.
WITH items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, r.cine_referral_team, '(unassigned)') AS team_id,
        r.cine_referral_id AS item_id,
        r.cine_person_id AS child
    FROM ssd_cin_episodes AS r
    -- The month of the date, by its calendar day: one look-up, not a comparison with every month.
    JOIN calendar AS on_day ON on_day.cal_date = r.cine_referral_date
    JOIN months AS m ON m.period_start = on_day.month_start
    LEFT JOIN allocation AS a
        ON a.person_id = r.cine_person_id
       AND a.start_date <= r.cine_referral_date
       AND (a.end_date IS NULL OR a.end_date > r.cine_referral_date)
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    COUNT(*) AS numerator,
    CAST(NULL AS INTEGER) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
