{#- Arithmetic invariants of the patient summary marts; one row per violating mart row:
    every due recall is exactly one of on time, late, overdue or pending, a month whose window is
    complete has none pending, and recalls booked by the deadline are among the due ones;
    reappointed and perio hygiene visits are among the hygiene visits; returns within the window
    are within the long window and among the patients followed; a rate is null while its window
    is open; follow-ups are counted among the new patients. -#}

with

hygiene_violations as (
    select
        'mart_hygiene_retention' as model_name,
        cast(due_month as date) as month_start,
        'due <> on_time + late + overdue + pending, pending in a complete month, or booked > due' as violation
    from {{ ref('mart_hygiene_retention') }}
    where recalls_due <> recalls_completed_on_time + recalls_completed_late + recalls_overdue + recalls_pending
        or (is_window_complete and recalls_pending > 0)
        or recalls_booked_by_deadline > recalls_due
        or (not is_window_complete and on_time_rate is not null)
),

hygiene_visit_violations as (
    select
        'mart_hygiene_visit' as model_name,
        visit_month as month_start,
        'reappointed or perio visits outside the hygiene visits' as violation
    from {{ ref('mart_hygiene_visit') }}
    where hygiene_visits_reappointed > hygiene_visits
        or perio_visits > hygiene_visits
        or hygiene_visits <= 0
),

retention_violations as (
    select
        'mart_patient_retention' as model_name,
        cohort_month as month_start,
        'returns within the window > within the long window > patients followed, or a rate of an open window' as violation
    from {{ ref('mart_patient_retention') }}
    where patients_seen_returned_within_window > patients_seen_returned_within_long_window
        or patients_seen_returned_within_long_window > patients_seen
        or new_patients_returned_within_window > new_patients_returned_within_long_window
        or new_patients_returned_within_long_window > new_patients
        or (patients_seen = 0 and new_patients = 0)
        or (not is_window_complete and (practice_retention_rate is not null or new_patient_retention_rate is not null))
        or (not is_long_window_complete
            and (practice_long_window_retention_rate is not null or new_patient_long_window_retention_rate is not null))
),

new_patient_violations as (
    select
        'mart_new_patient' as model_name,
        first_visit_month as month_start,
        'follow-ups counted outside the new patients, or a rate of an open window' as violation
    from {{ ref('mart_new_patient') }}
    where patients_left_with_next_appointment > new_patients
        or patients_with_followup_visit_within_window > new_patients
        or (not is_followup_window_complete and followup_visit_within_window_rate is not null)
),

final as (
    select * from hygiene_violations
    union all
    select * from hygiene_visit_violations
    union all
    select * from retention_violations
    union all
    select * from new_patient_violations
)

select * from final
