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
-- Each adoption is counted once, in the month of its order date; the year to date
-- then adds up the months from 1 April to the month computed.  A UASC child
-- leaves the excl-uasc cohort from the month their UASC status began.
by_month AS (
    SELECT
        e.team_id,
        d.fy_start,
        d.month_start,
        x.uasc_month,
        SUM(e.days) AS numerator,
        COUNT(*) AS denominator
    FROM adopted AS e
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
