-- 29. Average days between entering care and moving in with the adoptive family,
-- for children adopted (YTD, DfE adoption scorecard A1).
-- Denominator: children adopted (permanence order of type Adoption) from
--              1 April to the month end, with both dates known.
-- Numerator:   the sum over them of the days from entering care (start of the
--              period of care) to moving in with their adoptive family (the
--              date placed with the foster carers who adopted them, else the
--              date placed for adoption).
-- Team: the team that held the case on the day of the adoption order (an
-- allocation ending that day still counts).
WITH care_start AS (
    SELECT cla_id, MIN(care_start) AS care_start FROM looked_after GROUP BY cla_id
),
adopted AS (
    SELECT
        pm.perm_table_id AS item_id,
        pm.perm_person_id AS child,
        pm.perm_permanence_order_date AS event_date,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        DATE_DIFF('day', cs.care_start, COALESCE(pm.perm_placed_foster_carer_date, pm.perm_placed_for_adoption_date)) AS days
    FROM ssd_permanence AS pm
    LEFT JOIN care_start AS cs ON cs.cla_id = pm.perm_cla_id
    LEFT JOIN allocation AS a
        ON a.person_id = pm.perm_person_id
       AND a.start_date < pm.perm_permanence_order_date
       AND (a.end_date IS NULL OR a.end_date >= pm.perm_permanence_order_date)
    WHERE UPPER(pm.perm_permanence_order_type) = 'ADOPTION'
      AND pm.perm_permanence_order_date IS NOT NULL
      AND cs.care_start IS NOT NULL
      AND COALESCE(pm.perm_placed_foster_carer_date, pm.perm_placed_for_adoption_date) IS NOT NULL
),
items AS (
    SELECT
        m.period,
        ad.team_id,
        ad.item_id,
        ad.days,
        CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
    FROM adopted AS ad
    JOIN months AS m ON ad.event_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN uasc AS x ON x.person_id = ad.child AND x.uasc_from <= m.period_end
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.days) AS numerator,
    COUNT(*) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
JOIN cohorts AS c ON c.cohort = 'all' OR (c.cohort = 'excl-uasc' AND i.is_uasc = 0)
GROUP BY u.unit_id, i.period, c.cohort
