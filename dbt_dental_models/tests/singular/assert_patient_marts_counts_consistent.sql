{#- Arithmetic invariants of the patient summary marts; one row per violating mart row:
    every due recall is exactly one of on time, late, overdue or pending, and a month whose window
    is complete has none pending; returns within the window are within the long window and within
    the cohort; follow-ups are counted among the new patients. -#}

with

hygiene_violations as (
    select
        'mart_hygiene_retention' as model_name,
        cast(due_month as date) as month_start,
        'due <> on_time + late + overdue + pending, or pending in a complete month' as violation
    from {{ ref('mart_hygiene_retention') }}
    where recalls_due <> recalls_completed_on_time + recalls_completed_late + recalls_overdue + recalls_pending
        or (is_window_complete and recalls_pending > 0)
        or recalls_scheduled > recalls_due
),

retention_violations as (
    select
        'mart_patient_retention' as model_name,
        cohort_month as month_start,
        'returned_within_window > returned_within_long_window or > new_patients' as violation
    from {{ ref('mart_patient_retention') }}
    where returned_within_window > returned_within_long_window
        or returned_within_long_window > new_patients
),

new_patient_violations as (
    select
        'mart_new_patient' as model_name,
        first_visit_month as month_start,
        'follow-ups counted outside the new patients' as violation
    from {{ ref('mart_new_patient') }}
    where patients_with_followup_scheduled > new_patients
        or patients_with_followup_completed > new_patients
),

final as (
    select * from hygiene_violations
    union all
    select * from retention_violations
    union all
    select * from new_patient_violations
)

select * from final
