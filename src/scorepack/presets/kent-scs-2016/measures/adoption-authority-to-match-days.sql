-- scorepack: year-to-date events
-- 30. Average days between court authority to place a child and the decision on a match,
-- for children adopted (YTD, DfE adoption scorecard A2).
-- Denominator: children adopted (permanence order of type Adoption) from
--              1 April to the month end, with both dates known.
-- Numerator:   the sum over them of the days from the placement order to the
--              match with prospective adopters; a match made before the order
--              counts 0 days (DfE adoption scorecard methodology).
-- Team: the team that held the case on the day of the adoption order (an
-- allocation ending that day still counts).
-- The events: one row per adoption, counted in the month of its order date.
SELECT
    pm.perm_table_id AS item_id,
    pm.perm_person_id AS child,
    pm.perm_permanence_order_date AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    CASE
        WHEN pm.perm_matched_date < pm.perm_placement_order_date THEN 0
        ELSE DATE_DIFF('day', pm.perm_placement_order_date, pm.perm_matched_date)
    END AS numerator,
    1 AS denominator
FROM ssd_permanence AS pm
LEFT JOIN allocation AS a
    ON a.person_id = pm.perm_person_id
   AND a.start_date < pm.perm_permanence_order_date
   AND (a.end_date IS NULL OR a.end_date >= pm.perm_permanence_order_date)
WHERE UPPER(pm.perm_permanence_order_type) = 'ADOPTION'
  AND pm.perm_permanence_order_date IS NOT NULL
  AND pm.perm_placement_order_date IS NOT NULL
  AND pm.perm_matched_date IS NOT NULL
