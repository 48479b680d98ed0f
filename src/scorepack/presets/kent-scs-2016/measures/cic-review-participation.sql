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
items AS (
    SELECT
        m.period,
        r.team_id,
        r.item_id,
        r.in_numerator,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM review AS r
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
