-- scorepack: year-to-date events
-- 23. % of children who participated in their children in care reviews (YTD).
-- Denominator: reviews held from 1 April to the month end, not cancelled, with
--              a participation code PN1 to PN7 (PN0, under 4, is left out).
-- Numerator:   those coded PN1 to PN6 (PN7: the child did not take part).
-- Team: the team holding the case on the review date.
WITH period_of_care AS (
    SELECT DISTINCT cla_id, person_id FROM looked_after
)
-- The events: one row per review, counted in the month of its date.
SELECT
    r.clar_cla_review_id AS item_id,
    pc.person_id AS child,
    r.clar_cla_review_date AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    CASE
        WHEN r.clar_cla_review_participation IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
        THEN 1 ELSE 0
    END AS numerator,
    1 AS denominator
FROM ssd_cla_reviews AS r
JOIN period_of_care AS pc ON pc.cla_id = r.clar_cla_id
LEFT JOIN allocation AS a
    ON a.person_id = pc.person_id
   AND a.start_date <= r.clar_cla_review_date
   AND (a.end_date IS NULL OR a.end_date > r.clar_cla_review_date)
WHERE r.clar_cla_review_date IS NOT NULL
  AND (r.clar_cla_review_cancelled IS NULL OR r.clar_cla_review_cancelled <> 'Y')
  AND r.clar_cla_review_participation IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
