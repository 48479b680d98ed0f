-- uasc: the date from which each child counts as an unaccompanied asylum-seeking child.
--
-- A child is in the UASC cohort for a month if they held a UASC immigration
-- status that started on or before the month end, even if it has since ended
-- (so a former UASC care leaver stays in the cohort).  Both the short code and
-- the words are recognised, in any letter case.
-- uasc_month is the first day of the month of uasc_from: a child is UASC for
-- a month exactly when uasc_month <= the month's first day.  (A date outside
-- the calendar is kept as it is: it lies far before or after every month
-- computed, so the comparison still holds.)
-- leaves_from is uasc_from under the name a cohort's exclusion block gives it
-- (a catalogue cohort with "excludes: [uasc]" leaves the child out from that
-- month on; see docs/catalogue.md).
SELECT
    f.person_id,
    f.uasc_from,
    f.uasc_from AS leaves_from,
    COALESCE(d.month_start, f.uasc_from) AS uasc_month
FROM (
    SELECT
        immi_person_id AS person_id,
        MIN(immi_immigration_status_start_date) AS uasc_from
    FROM ssd_immigration_status
    WHERE UPPER(immi_immigration_status) IN ('UASC', 'UNACCOMPANIED ASYLUM SEEKING CHILD')
    GROUP BY immi_person_id
) AS f
LEFT JOIN calendar AS d ON d.cal_date = f.uasc_from
