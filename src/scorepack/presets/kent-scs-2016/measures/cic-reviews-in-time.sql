-- 24. % of children in care reviewed within required timescales (snapshot at month end).
-- Denominator: children looked after at the month end with at least one
--              review of their current period of care due on or before the
--              month end (cancelled reviews are left out).
-- Numerator:   those where every such review was held on or before its due date.
-- Team: the team holding the case at the month end.
-- A review due by the month end was on time when it was held on or before its
-- due date, whichever month is computed, so each period of care needs only two
-- dates: its first review due, and its first review due that was missed (held
-- late or not held).
WITH review_dates AS (
    SELECT
        r.clar_cla_id AS cla_id,
        MIN(r.clar_cla_review_due_date) AS first_due,
        MIN(CASE
            WHEN r.clar_cla_review_date IS NULL
              OR r.clar_cla_review_date > r.clar_cla_review_due_date
            THEN r.clar_cla_review_due_date
        END) AS first_missed_due
    FROM ssd_cla_reviews AS r
    WHERE r.clar_cla_review_cancelled IS NULL OR r.clar_cla_review_cancelled <> 'Y'
    GROUP BY r.clar_cla_id
),
items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        la.person_id AS item_id,
        MIN(CASE
            WHEN rd.first_missed_due IS NULL OR rd.first_missed_due > m.period_end THEN 1 ELSE 0
        END) AS in_numerator,
        MAX(CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END) AS is_uasc
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    JOIN review_dates AS rd ON rd.cla_id = la.cla_id AND rd.first_due <= m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
    LEFT JOIN uasc AS x ON x.person_id = la.person_id AND x.uasc_from <= m.period_end
    GROUP BY m.period, COALESCE(a.team_id, '(unassigned)'), la.person_id
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
