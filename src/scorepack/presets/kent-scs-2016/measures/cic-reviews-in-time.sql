-- 24. % of children in care reviewed within required timescales (YTD, as at the month end).
-- Denominator: children looked after at the month end with at least one
--              review of their current period of care due from 1 April to the
--              month end (cancelled reviews are left out).
-- Numerator:   those where every such review was held on or before its due date.
-- Due dates: the recorded due date; where none is recorded, the one the Care
-- Planning, Placement and Case Review (England) Regulations 2010 (reg 33) set:
-- the first review 20 working days after the child entered care, the second
-- 3 months after the first was held, and each later one 6 months after the one
-- before.  The next review after the last one held is due on the same rule
-- even before it is recorded, so a child whose review is overdue counts.
-- Team: the team holding the case at the month end.
-- Records: items (one row per child; reviews_due and reviews_late say why).
WITH care AS (
    SELECT cla_id, MIN(person_id) AS person_id, MIN(care_start) AS care_start
    FROM looked_after
    GROUP BY cla_id
),
recorded AS (
    SELECT
        r.clar_cla_id AS cla_id,
        r.clar_cla_review_id AS review_id,
        r.clar_cla_review_due_date AS due_date,
        r.clar_cla_review_date AS held_date,
        ROW_NUMBER() OVER (
            PARTITION BY r.clar_cla_id
            ORDER BY COALESCE(r.clar_cla_review_date, r.clar_cla_review_due_date),
                r.clar_cla_review_id
        ) AS review_no
    FROM ssd_cla_reviews AS r
    WHERE (r.clar_cla_review_cancelled IS NULL OR r.clar_cla_review_cancelled <> 'Y')
      AND (r.clar_cla_review_date IS NOT NULL OR r.clar_cla_review_due_date IS NOT NULL)
),
numbered AS (
    SELECT
        rc.cla_id,
        rc.review_id,
        rc.due_date,
        rc.held_date,
        rc.review_no,
        LAG(COALESCE(rc.held_date, rc.due_date)) OVER (
            PARTITION BY rc.cla_id ORDER BY rc.review_no
        ) AS previous_date
    FROM recorded AS rc
),
-- The review after the last one held, when every recorded review was held.
pending AS (
    SELECT
        c.cla_id,
        'next review' AS review_id,
        CAST(NULL AS DATE) AS due_date,
        CAST(NULL AS DATE) AS held_date,
        COUNT(n.review_id) + 1 AS review_no,
        MAX(n.held_date) AS previous_date
    FROM care AS c
    LEFT JOIN numbered AS n ON n.cla_id = c.cla_id
    GROUP BY c.cla_id
    HAVING COUNT(n.review_id) = COUNT(n.held_date)
),
reviews AS (
    SELECT cla_id, review_id, due_date, held_date, review_no, previous_date FROM numbered
    UNION ALL
    SELECT cla_id, review_id, due_date, held_date, review_no, previous_date FROM pending
),
due AS (
    SELECT
        rv.cla_id,
        rv.review_id,
        rv.held_date,
        COALESCE(
            rv.due_date,
            CASE
                WHEN rv.review_no = 1 THEN first_due.cal_date
                WHEN rv.review_no = 2 THEN DATE_ADD(rv.previous_date, INTERVAL 3 MONTH)
                ELSE DATE_ADD(rv.previous_date, INTERVAL 6 MONTH)
            END
        ) AS due_date
    FROM reviews AS rv
    JOIN care AS c ON c.cla_id = rv.cla_id
    LEFT JOIN calendar AS entered ON entered.cal_date = c.care_start
    LEFT JOIN calendar AS first_due
        ON first_due.working_day_no = entered.working_day_no + 20
       AND first_due.is_working_day = 1
),
items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        la.person_id AS item_id,
        la.person_id AS child,
        MIN(CASE WHEN d.held_date <= d.due_date THEN 1 ELSE 0 END) AS in_numerator,
        COUNT(DISTINCT d.review_id) AS reviews_due,
        COUNT(DISTINCT CASE
            WHEN d.held_date IS NULL OR d.held_date > d.due_date THEN d.review_id
        END) AS reviews_late
    FROM looked_after AS la
    JOIN months AS m
        ON la.episode_start <= m.period_end
       AND (la.episode_end IS NULL OR la.episode_end > m.period_end)
    JOIN due AS d
        ON d.cla_id = la.cla_id
       AND d.due_date BETWEEN m.fy_start AND m.period_end
    LEFT JOIN allocation AS a
        ON a.person_id = la.person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
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
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
GROUP BY u.unit_id, i.period, c.cohort
