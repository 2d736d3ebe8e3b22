"""`/api/patients`: analytics about patients, never a patient's row."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from dental_analytics.api.reports import REPORT_RESPONSES, Report, ReportDependency

router = APIRouter(tags=["reports"])

RETENTION = (
    "practice_retention", "new_patient_retention", "practice_retention_12m",
    "new_patient_retention_12m",
)  # fmt: skip
VALUE = (
    "cohort_patients", "cohort_production", "cohort_collections",
    "lifetime_production_per_patient", "lifetime_collections_per_patient",
)  # fmt: skip
ATTENDANCE = (
    "appointments_scheduled",
    "no_shows",
    "cancellations",
    "no_show_rate",
    "cancellation_rate",
)
HYGIENE = ("hygiene_visits", "hygiene_reappointment_rate", "perio_share")
RECALL = ("recalls_due", "recalls_completed_on_time", "recalls_overdue", "recall_on_time_rate")
BACKLOG = ("unscheduled_treatment", "unscheduled_procedures")
SUMMARY = ("active_patients", "patients")
NEW = ("new_patients",)
FOLLOW_UP = (
    "new_patients_in_cohort", "new_patients_left_with_next_appointment",
    "new_patient_next_appointment_rate",
)  # fmt: skip

# Every metric the route returns: its OpenAPI description lists their definitions.
METRICS = tuple(
    dict.fromkeys(
        SUMMARY + NEW + FOLLOW_UP + RETENTION + VALUE + ATTENDANCE + HYGIENE + RECALL + BACKLOG
    )
)


@router.get(
    "/patients",
    response_model=Report,
    summary="Patients: growth, retention, value, attendance",
    responses=REPORT_RESPONSES,
)
def patients(request: ReportDependency) -> Report | Response:
    """Counts and rates about patients, never a patient's row: active patients and patients at the
    as-of date; new patients by `grain` and referral source; practice and new-patient retention by
    cohort month (complete windows only); lifetime value by first-visit cohort; no-show and
    cancellation; hygiene reappointment and perio share; recall on time; unscheduled treatment by
    age; patients by age band and gender."""
    return request.respond(
        "patients",
        lambda: {
            "summary": request.table(
                "Active patients (a completed procedure in the last 18 months) and all patients, "
                "at the as-of date.",
                SUMMARY,
                start=None,
                end=None,
            ),
            "new_patients": request.table(
                "New patients (first completed procedure) by grain and referral source.",
                NEW,
                grain=True,
                group_by=["referral_source_type"],
            ),
            "new_patient_follow_up": request.table(
                "New patients who left their first visit with a next appointment.",
                FOLLOW_UP,
                grain=True,
            ),
            "retention": request.table(
                "Retention by cohort month: patients seen who came back within the window.",
                RETENTION,
                grain=True,
            ),
            "lifetime_value": request.table(
                "Production and collections to date per patient, by first-visit cohort.",
                VALUE,
                grain=True,
            ),
            "attendance": request.table(
                "Appointments scheduled, no-shows and cancellations by grain.",
                ATTENDANCE,
                grain=True,
            ),
            "hygiene": request.table(
                "Hygiene visits, reappointment and perio share by grain.", HYGIENE, grain=True
            ),
            "recall": request.table(
                "Recalls due by month and how many were kept on time.", RECALL, grain=True
            ),
            "unscheduled_treatment": request.table(
                "Unscheduled diagnosed treatment at the as-of date, by months since planned.",
                BACKLOG,
                group_by=["age_band"],
                start=None,
                end=None,
            ),
            "demographics": request.table(
                "Patients and active patients by age band and gender, at the as-of date.",
                SUMMARY,
                group_by=["age_band", "gender"],
                start=None,
                end=None,
            ),
        },
    )
