"""Extension tables (``ext_``) for what the Standard Safeguarding Dataset does not hold."""

from __future__ import annotations

from scorepack.records.columns import (
    PERSON,
    TEAM,
    WORKER,
    Table,
    date_col,
    flag_col,
    id_col,
    key_col,
    num_col,
    text_col,
)

EXTENSION_TABLES: tuple[Table, ...] = (
    Table(
        "ext_team_type",
        "What kind of service each team or unit is (the SSD has no such field).",
        (
            id_col("etty_team_id", "Team", TEAM, not_null=True),
            text_col(
                "etty_team_type",
                "assessment-intervention, children-in-care, fostering, "
                "disability, uasc, care-leavers, adoption or other",
            ),
            text_col(
                "etty_unit_kind",
                "How the scorecard names the unit: county, area, service or team",
                required=False,
            ),
        ),
        key="etty_team_id",
        required=False,
    ),
    Table(
        "ext_s47_child_seen",
        "Whether the child was seen during a section 47 enquiry.",
        (
            id_col(
                "s47s_s47_enquiry_id",
                "S47 enquiry",
                "ssd_s47_enquiry.s47e_s47_enquiry_id",
                not_null=True,
            ),
            flag_col("s47s_child_seen", "Child seen", not_null=True),
            date_col("s47s_seen_date", "Date first seen"),
        ),
        key="s47s_s47_enquiry_id",
        required=False,
    ),
    Table(
        "ext_pf_notifications",
        "Private fostering notifications and the initial visit that followed.",
        (
            key_col("pfn_notification_id", "Notification id"),
            id_col("pfn_person_id", "Child", PERSON, not_null=True),
            date_col("pfn_notification_date", "Date notified", not_null=True),
            date_col("pfn_initial_visit_date", "Date of the initial visit"),
            id_col("pfn_team_id", "Team", TEAM),
        ),
        key="pfn_notification_id",
        spans=(("pfn_notification_date", "pfn_initial_visit_date"),),
        required=False,
    ),
    Table(
        "ext_pf_arrangements",
        "Private fostering arrangements.",
        (
            key_col("pfa_arrangement_id", "Arrangement id"),
            id_col("pfa_person_id", "Child", PERSON, not_null=True),
            date_col("pfa_start_date", "Arrangement start", not_null=True),
            date_col("pfa_end_date", "Arrangement end"),
            id_col("pfa_team_id", "Team", TEAM),
        ),
        key="pfa_arrangement_id",
        spans=(("pfa_start_date", "pfa_end_date"),),
        required=False,
    ),
    Table(
        "ext_pf_visits",
        "Statutory visits to privately fostered children.",
        (
            key_col("pfv_visit_id", "Visit id"),
            id_col(
                "pfv_arrangement_id",
                "Arrangement",
                "ext_pf_arrangements.pfa_arrangement_id",
                not_null=True,
            ),
            date_col("pfv_visit_date", "Visit date", not_null=True),
        ),
        key="pfv_visit_id",
        required=False,
    ),
    Table(
        "ext_case_audits",
        "Case file audits: when due, when completed and the grade given.",
        (
            key_col("cfa_audit_id", "Audit id"),
            id_col("cfa_person_id", "Child whose file was audited", PERSON, not_null=True),
            id_col("cfa_team_id", "Team", TEAM),
            date_col("cfa_due_date", "Date the audit was due", not_null=True),
            date_col("cfa_completed_date", "Date completed"),
            text_col("cfa_grade", "Outstanding, Good, Requires Improvement or Inadequate"),
        ),
        key="cfa_audit_id",
        required=False,
    ),
    Table(
        "ext_quality_ratings",
        "Quality ratings of CP social work reports and CIC care plans.",
        (
            key_col("qar_rating_id", "Rating id"),
            id_col("qar_person_id", "Child", PERSON, not_null=True),
            text_col("qar_item_type", "cp-report or cla-care-plan", not_null=True),
            date_col("qar_rated_date", "Date rated", not_null=True),
            text_col("qar_grade", "Outstanding, Good, Requires Improvement or Inadequate"),
            id_col("qar_team_id", "Team", TEAM),
        ),
        key="qar_rating_id",
        required=False,
    ),
    Table(
        "ext_establishment",
        "Funded posts (establishment) by team.",
        (
            key_col("estp_post_id", "Post id"),
            id_col("estp_team_id", "Team", TEAM, not_null=True),
            num_col("estp_fte", "Full-time equivalent of the post", not_null=True),
            flag_col("estp_caseholding", "Caseholding social work post", not_null=True),
            date_col("estp_start_date", "Post created", not_null=True),
            date_col("estp_end_date", "Post deleted"),
        ),
        key="estp_post_id",
        spans=(("estp_start_date", "estp_end_date"),),
        required=False,
    ),
    Table(
        "ext_staff_assignments",
        "Workers in post: team, FTE and whether agency, qualified and caseholding.",
        (
            key_col("stfa_assignment_id", "Assignment id"),
            id_col("stfa_professional_id", "Worker", WORKER, not_null=True),
            id_col("stfa_team_id", "Team", TEAM, not_null=True),
            date_col("stfa_start_date", "Start in post", not_null=True),
            date_col("stfa_end_date", "End in post"),
            num_col("stfa_fte", "Full-time equivalent", not_null=True),
            flag_col("stfa_agency", "Agency (locum) worker", not_null=True),
            flag_col("stfa_qualified", "Qualified social worker", not_null=True),
            flag_col("stfa_caseholding", "Holds cases", not_null=True),
        ),
        key="stfa_assignment_id",
        spans=(("stfa_start_date", "stfa_end_date"),),
        required=False,
    ),
    Table(
        "ext_fostering_allocations",
        "Foster carer households allocated to supervising social workers.",
        (
            key_col("fosa_allocation_id", "Allocation id"),
            id_col("fosa_household_id", "Foster carer household", not_null=True),
            id_col("fosa_professional_id", "Supervising worker", WORKER),
            id_col("fosa_team_id", "Team", TEAM, not_null=True),
            date_col("fosa_start_date", "Allocation start", not_null=True),
            date_col("fosa_end_date", "Allocation end"),
        ),
        key="fosa_allocation_id",
        spans=(("fosa_start_date", "fosa_end_date"),),
        required=False,
    ),
)
