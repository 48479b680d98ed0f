-- scorepack: year-to-date events
-- 29. Average days between entering care and being placed for adoption,
-- for children adopted (YTD, DfE adoption scorecard A1).
-- Denominator: children adopted (permanence order of type Adoption) from
--              1 April to the month end, with both dates known.
-- Numerator:   the sum over them of the days from entering care (start of the
--              period of care) to the date placed for adoption.  (Counting to
--              the day a child moved in with the foster carers who went on to
--              adopt them is the adjusted measure A10, not A1.)
-- Team: the team that held the case on the day of the adoption order (an
-- allocation ending that day still counts).
WITH care_start AS (
    SELECT cla_id, MIN(care_start) AS care_start FROM looked_after GROUP BY cla_id
)
-- The events: one row per adoption, counted in the month of its order date.
SELECT
    pm.perm_table_id AS item_id,
    pm.perm_person_id AS child,
    pm.perm_permanence_order_date AS event_date,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    DATE_DIFF('day', cs.care_start, pm.perm_placed_for_adoption_date) AS numerator,
    1 AS denominator
FROM ssd_permanence AS pm
LEFT JOIN care_start AS cs ON cs.cla_id = pm.perm_cla_id
LEFT JOIN allocation AS a
    ON a.person_id = pm.perm_person_id
   AND a.start_date < pm.perm_permanence_order_date
   AND (a.end_date IS NULL OR a.end_date >= pm.perm_permanence_order_date)
WHERE UPPER(pm.perm_permanence_order_type) = 'ADOPTION'
  AND pm.perm_permanence_order_date IS NOT NULL
  AND cs.care_start IS NOT NULL
  AND pm.perm_placed_for_adoption_date IS NOT NULL
