-- Health checks: for every month end and every child looked after then who has
-- been in care continuously for at least 12 months (their period of care began
-- on or before the same day 12 months earlier), one row per kind of check
-- ('DENTAL CHECK', 'HEALTH ASSESSMENT') saying whether a completed check of
-- that kind (status Completed or not recorded, any letter case) is dated in
-- the 12 months ending on the month end.  The team is the one holding the case
-- at the month end.  Definitions 25 and 26 each pick their kind of check.
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
)
SELECT
    ic.period,
    k.check_type,
    COALESCE(a.team_id, '(unassigned)') AS team_id,
    ic.child AS item_id,
    CASE WHEN EXISTS (
        SELECT 1 FROM ssd_cla_health AS h
        WHERE h.clah_person_id = ic.child
          AND UPPER(h.clah_health_check_type) = k.check_type
          AND (h.clah_health_check_status IS NULL
               OR UPPER(h.clah_health_check_status) = 'COMPLETED')
          AND h.clah_health_check_date <= ic.period_end
          AND h.clah_health_check_date > DATE_ADD(ic.period_end, INTERVAL (-12) MONTH)
    ) THEN 1 ELSE 0 END AS in_numerator,
    CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS is_uasc
FROM in_care AS ic
CROSS JOIN kinds AS k
LEFT JOIN allocation AS a
    ON a.person_id = ic.child
   AND a.start_date <= ic.period_end
   AND (a.end_date IS NULL OR a.end_date > ic.period_end)
LEFT JOIN uasc AS x ON x.person_id = ic.child AND x.uasc_from <= ic.period_end
