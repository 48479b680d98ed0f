-- Caseholding posts: for every team and month end, the full-time equivalent of
-- its caseholding posts in the establishment (posts_fte, ext_establishment) and
-- of the workers in caseholding roles (ext_staff_assignments) who are agency
-- staff (agency_fte) or the council's permanent qualified social workers
-- (permanent_qsw_fte).  Indicators 40 and 41 each take the share they report.
WITH items AS (
    SELECT
        m.period,
        s.stfa_team_id AS team_id,
        0 AS posts_fte,
        CASE WHEN s.stfa_agency = 'Y' THEN s.stfa_fte ELSE 0 END AS agency_fte,
        CASE WHEN s.stfa_agency = 'N' AND s.stfa_qualified = 'Y' THEN s.stfa_fte ELSE 0 END
            AS permanent_qsw_fte
    FROM ext_staff_assignments AS s
    JOIN months AS m
        ON s.stfa_start_date <= m.period_end
       AND (s.stfa_end_date IS NULL OR s.stfa_end_date > m.period_end)
    WHERE s.stfa_caseholding = 'Y'
    UNION ALL
    SELECT m.period, e.estp_team_id AS team_id, e.estp_fte AS posts_fte, 0 AS agency_fte,
        0 AS permanent_qsw_fte
    FROM ext_establishment AS e
    JOIN months AS m
        ON e.estp_start_date <= m.period_end
       AND (e.estp_end_date IS NULL OR e.estp_end_date > m.period_end)
    WHERE e.estp_caseholding = 'Y'
)
SELECT
    period,
    team_id,
    SUM(posts_fte) AS posts_fte,
    SUM(agency_fte) AS agency_fte,
    SUM(permanent_qsw_fte) AS permanent_qsw_fte
FROM items
GROUP BY period, team_id
