-- year_to_date: the shared ending of every year-to-date definition that counts events.
--
-- A definition whose first line is "-- scorepack: year-to-date events" returns
-- only its events, one row each, with at least these columns:
--   child       the child's person id (for the cohorts)
--   event_date  the date that places the event in a month
--   team_id     the team the event counts for
--   numerator   what the event adds to the numerator (1 or 0 for a
--               percentage, or an amount such as days)
--   denominator what the event adds to the denominator (usually 1)
-- The runner makes that result a temporary table (or view) named events, runs
-- this query against it and drops it again.
--
-- Each event is counted once, in the month of its event_date, and for every
-- month computed the months from 1 April of that financial year up to and
-- including the month itself are added up.  Each team's figures also count
-- for every unit above it.  A child a cohort leaves out from some month on
-- (cohort_exclusions.from_month) counts in that cohort only for the months
-- before it.  An event whose date is outside the calendar, or empty,
-- is not counted.
WITH by_month AS (
    SELECT
        e.team_id,
        d.fy_start,
        d.month_start,
        c.cohort,
        x.from_month,
        SUM(e.numerator) AS numerator,
        SUM(e.denominator) AS denominator
    FROM events AS e
    JOIN calendar AS d ON d.cal_date = e.event_date
    CROSS JOIN cohorts AS c
    LEFT JOIN cohort_exclusions AS x ON x.cohort = c.cohort AND x.person_id = e.child
    -- Only the events of the financial years computed: the others count in no month.
    WHERE e.event_date >= (SELECT MIN(fy_start) FROM months)
      AND e.event_date <= (SELECT MAX(period_end) FROM months)
    GROUP BY e.team_id, d.fy_start, d.month_start, c.cohort, x.from_month
)
SELECT
    u.unit_id AS unit,
    m.period,
    b.cohort,
    SUM(b.numerator) AS numerator,
    SUM(b.denominator) AS denominator
FROM by_month AS b
JOIN months AS m ON m.fy_start = b.fy_start AND b.month_start <= m.period_start
JOIN unit_tree AS u ON u.team_id = b.team_id
WHERE b.from_month IS NULL OR b.from_month > m.period_start
GROUP BY u.unit_id, m.period, b.cohort
