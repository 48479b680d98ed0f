-- 23. % of children who participated in their children in care reviews (YTD).
-- Denominator: reviews held from 1 April to the month end, not cancelled, with
--              a participation code PN1 to PN7 (PN0, under 4, is left out).
-- Numerator:   those coded PN1 to PN6 (PN7: the child did not take part).
-- Team: the team holding the case on the review date.
WITH period_of_care AS (
    SELECT DISTINCT cla_id, person_id FROM looked_after
),
review AS (
    SELECT
        r.clar_cla_review_id AS item_id,
        pc.person_id AS child,
        r.clar_cla_review_date AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        CASE
            WHEN r.clar_cla_review_participation IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
            THEN 1 ELSE 0
        END AS in_numerator
    FROM ssd_cla_reviews AS r
    JOIN period_of_care AS pc ON pc.cla_id = r.clar_cla_id
    LEFT JOIN allocation AS a
        ON a.person_id = pc.person_id
       AND a.start_date <= r.clar_cla_review_date
       AND (a.end_date IS NULL OR a.end_date > r.clar_cla_review_date)
    WHERE r.clar_cla_review_date IS NOT NULL
      AND (r.clar_cla_review_cancelled IS NULL OR r.clar_cla_review_cancelled <> 'Y')
      AND r.clar_cla_review_participation IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
),
-- Each review is counted once, in the month of its date; the year to date
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
    FROM review AS e
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
