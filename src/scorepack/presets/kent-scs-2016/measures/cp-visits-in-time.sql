-- 12. % of CP visits held within timescale, current CP plans only (snapshot at month end).
-- For every CP plan open at the month end, every visit due on that plan from
-- its start to the month end is counted: each visit held, plus one more when
-- the next visit is already overdue at the month end (more than 10 working
-- days since the last visit, or since the plan started when there has been
-- none), so a plan with no visit yet counts once its first visit is overdue.
-- Denominator: those visits due.
-- Numerator:   visits held no more than 10 working days after the previous
--              visit on the plan (or after the plan started, for the first).
-- Team: the team holding the case at the month end.
-- Records: items (one row per plan; numerator and denominator are its visits).
WITH visit AS (
    SELECT
        v.cppv_cp_visit_id AS visit_id,
        v.cppv_cp_plan_id AS plan_id,
        v.cppv_cp_visit_date AS visit_date,
        this_day.working_day_no - last_day.working_day_no AS working_days_since_last
    FROM (
        SELECT
            v.*,
            COALESCE(
                LAG(v.cppv_cp_visit_date) OVER (
                    PARTITION BY v.cppv_cp_plan_id ORDER BY v.cppv_cp_visit_date, v.cppv_cp_visit_id
                ),
                p.cppl_cp_plan_start_date
            ) AS last_date
        FROM ssd_cp_visits AS v
        JOIN ssd_cp_plans AS p ON p.cppl_cp_plan_id = v.cppv_cp_plan_id
        WHERE v.cppv_cp_visit_date >= p.cppl_cp_plan_start_date
    ) AS v
    JOIN calendar AS this_day ON this_day.cal_date = v.cppv_cp_visit_date
    JOIN calendar AS last_day ON last_day.cal_date = v.last_date
),
-- Each visit is counted once, in the month it was held ...
visits_by_month AS (
    SELECT
        v.plan_id,
        d.month_start,
        COUNT(*) AS visits,
        SUM(CASE WHEN v.working_days_since_last <= 10 THEN 1 ELSE 0 END) AS in_time
    FROM visit AS v
    JOIN calendar AS d ON d.cal_date = v.visit_date
    GROUP BY v.plan_id, d.month_start
),
-- ... and kept as running totals for the plan: the visits up to the end of
-- month_start, which stand until next_month, the next month with a visit.
running AS (
    SELECT
        plan_id,
        month_start,
        LEAD(month_start) OVER (PARTITION BY plan_id ORDER BY month_start) AS next_month,
        SUM(visits) OVER (
            PARTITION BY plan_id ORDER BY month_start ROWS UNBOUNDED PRECEDING
        ) AS visits_to_date,
        SUM(in_time) OVER (
            PARTITION BY plan_id ORDER BY month_start ROWS UNBOUNDED PRECEDING
        ) AS in_time_to_date
    FROM visits_by_month
),
-- Each visit with the date of the plan's next visit: the last visit on or
-- before a day is the one held then whose next visit (if any) came after it.
visit_span AS (
    SELECT
        plan_id,
        visit_date,
        LEAD(visit_date) OVER (PARTITION BY plan_id ORDER BY visit_date, visit_id)
            AS next_visit_date
    FROM visit
),
overdue AS (
    SELECT
        m.period,
        p.cppl_cp_plan_id AS plan_id,
        CASE WHEN end_day.working_day_no - last_day.working_day_no > 10 THEN 1 ELSE 0 END
            AS overdue
    FROM ssd_cp_plans AS p
    JOIN months AS m
        ON p.cppl_cp_plan_start_date <= m.period_end
       AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > m.period_end)
    LEFT JOIN visit_span AS lv
        ON lv.plan_id = p.cppl_cp_plan_id
       AND lv.visit_date <= m.period_end
       AND (lv.next_visit_date IS NULL OR lv.next_visit_date > m.period_end)
    JOIN calendar AS end_day ON end_day.cal_date = m.period_end
    JOIN calendar AS last_day
        ON last_day.cal_date = COALESCE(lv.visit_date, p.cppl_cp_plan_start_date)
),
items AS (
    SELECT
        m.period,
        COALESCE(a.team_id, '(unassigned)') AS team_id,
        p.cppl_cp_plan_id AS item_id,
        p.cppl_person_id AS child,
        COALESCE(r.in_time_to_date, 0) AS numerator,
        COALESCE(r.visits_to_date, 0) + o.overdue AS denominator
    FROM ssd_cp_plans AS p
    JOIN months AS m
        ON p.cppl_cp_plan_start_date <= m.period_end
       AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > m.period_end)
    JOIN overdue AS o ON o.period = m.period AND o.plan_id = p.cppl_cp_plan_id
    LEFT JOIN running AS r
        ON r.plan_id = p.cppl_cp_plan_id
       AND r.month_start <= m.period_start
       AND (r.next_month IS NULL OR r.next_month > m.period_start)
    LEFT JOIN allocation AS a
        ON a.person_id = p.cppl_person_id
       AND a.start_date <= m.period_end
       AND (a.end_date IS NULL OR a.end_date > m.period_end)
)
SELECT
    u.unit_id AS unit,
    i.period,
    c.cohort,
    SUM(i.numerator) AS numerator,
    SUM(i.denominator) AS denominator
FROM items AS i
JOIN unit_tree AS u ON u.team_id = i.team_id
CROSS JOIN cohorts AS c
LEFT JOIN cohort_excluded AS x
    ON x.cohort = c.cohort AND x.period = i.period AND x.person_id = i.child
WHERE x.person_id IS NULL
  AND i.denominator > 0
GROUP BY u.unit_id, i.period, c.cohort
