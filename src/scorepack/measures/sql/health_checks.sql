-- Health checks: for every month end and every child looked after then who has
-- been in care continuously for at least 12 months (their period of care began
-- on or before the same day 12 months earlier), one row per kind of check
-- ('DENTAL CHECK', 'HEALTH ASSESSMENT') saying whether the check is in date:
-- a completed check of that kind (status Completed, any letter case; an empty
-- status is not a completed check) dated within the time allowed before the
-- month end: 12 months, except for the health assessment of a
-- child under 5 on the month end, which is due every 6 months (Care Planning,
-- Placement and Case Review (England) Regulations 2010, reg 7).  The team is
-- the one holding the case at the month end.  Definitions 25 and 26 each pick
-- their kind of check.
WITH in_care AS (
    SELECT DISTINCT m.period, m.period_end, la.person_id AS child
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    WHERE la.care_start <= DATE_ADD(m.period_end, INTERVAL (-12) MONTH)
),
kinds AS (
    SELECT 'DENTAL CHECK' AS check_type
    UNION ALL
    SELECT 'HEALTH ASSESSMENT' AS check_type
),
due AS (
    SELECT
        ic.period,
        ic.period_end,
        ic.child,
        k.check_type,
        CASE
            WHEN k.check_type = 'HEALTH ASSESSMENT'
             AND p.pers_dob > DATE_ADD(ic.period_end, INTERVAL (-5) YEAR)
            THEN DATE_ADD(ic.period_end, INTERVAL (-6) MONTH)
            ELSE DATE_ADD(ic.period_end, INTERVAL (-12) MONTH)
        END AS due_after
    FROM in_care AS ic
    CROSS JOIN kinds AS k
    LEFT JOIN ssd_person AS p ON p.pers_person_id = ic.child
),
-- The checks in date, found by one join rather than a look-up per child and month.
in_date AS (
    SELECT DISTINCT d.period, d.child, d.check_type, d.due_after
    FROM due AS d
    JOIN ssd_cla_health AS h
        ON h.clah_person_id = d.child
       AND UPPER(h.clah_health_check_type) = d.check_type
    WHERE UPPER(h.clah_health_check_status) = 'COMPLETED'
      AND h.clah_health_check_date <= d.period_end
      AND h.clah_health_check_date > d.due_after
)
SELECT
    d.period,
    d.check_type,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    d.child AS item_id,
    d.child,
    CASE WHEN ok.child IS NULL THEN 0 ELSE 1 END AS in_numerator
FROM due AS d
LEFT JOIN in_date AS ok
    ON ok.period = d.period
   AND ok.child = d.child
   AND ok.check_type = d.check_type
   AND ok.due_after = d.due_after
LEFT JOIN allocation AS a
    ON a.person_id = d.child
   AND a.start_date <= d.period_end
   AND (a.end_date IS NULL OR a.end_date > d.period_end)
