{%- set window_months = var('retention_window_months') -%}
{%- set long_window_months = var('retention_long_window_months') -%}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

patient_visits as (
    select * from {{ ref('int_patient_visits') }}
),

-- Practice retention (DESIGN.md): every patient seen (a visit: completed work, broken-appointment
-- charges left out) in the month, followed from their last visit of the month and credited to
-- that visit's clinic, so a patient counts once per month.
ranked_visits_in_month as (
    select
        patient_id,
        cast({{ dbt.date_trunc('month', 'visit_date') }} as date) as cohort_month,
        visit_date,
        clinic_id,
        next_visit_date,
        row_number() over (
            partition by patient_id, cast({{ dbt.date_trunc('month', 'visit_date') }} as date)
            order by visit_date desc
        ) as rank_in_month
    from patient_visits
    where visit_date <= {{ as_of_date() }}
),

patients_seen as (
    select
        patient_id,
        cohort_month,
        clinic_id,
        visit_date as followed_from_date,
        next_visit_date
    from ranked_visits_in_month
    where rank_in_month = 1
),

-- New-patient retention: the new patients of the month (DESIGN.md: first completed procedure,
-- broken-appointment codes left out, flagged once per patient by int_procedure_complete), in the
-- clinic of that first procedure, followed from the first visit.
new_patients as (
    select
        completed_procedures.patient_id,
        cast({{ dbt.date_trunc('month', 'completed_procedures.procedure_date') }} as date) as cohort_month,
        completed_procedures.clinic_id,
        completed_procedures.procedure_date as followed_from_date,
        patient_visits.next_visit_date
    from completed_procedures
    inner join patient_visits
        on completed_procedures.patient_id = patient_visits.patient_id
        and completed_procedures.procedure_date = patient_visits.visit_date
    where completed_procedures.is_new_patient_procedure
),

-- One row per patient followed: a return is the next visit on a later day. The windows end the
-- same day N months later (the month's last day when that day does not exist: 31 August + 6
-- months = 28/29 February); a return on that day still counts.
followed_patients as (
    select
        cohort_month,
        clinic_id,
        1 as is_patient_seen,
        0 as is_new_patient,
        followed_from_date,
        next_visit_date
    from patients_seen

    union all

    select
        cohort_month,
        clinic_id,
        0 as is_patient_seen,
        1 as is_new_patient,
        followed_from_date,
        next_visit_date
    from new_patients
),

patient_returns as (
    select
        cohort_month,
        clinic_id,
        is_patient_seen,
        is_new_patient,
        case
            when next_visit_date <= cast({{ dbt.dateadd('month', window_months, 'followed_from_date') }} as date)
                then 1
            else 0
        end as has_returned_within_window,
        case
            when next_visit_date <= cast({{ dbt.dateadd('month', long_window_months, 'followed_from_date') }} as date)
                then 1
            else 0
        end as has_returned_within_long_window
    from followed_patients
),

cohorts as (
    select
        cohort_month,
        clinic_id,
        cast(sum(is_patient_seen) as bigint) as patients_seen,
        cast(sum(is_patient_seen * has_returned_within_window) as bigint)
            as patients_seen_returned_within_window,
        cast(sum(is_patient_seen * has_returned_within_long_window) as bigint)
            as patients_seen_returned_within_long_window,
        cast(sum(is_new_patient) as bigint) as new_patients,
        cast(sum(is_new_patient * has_returned_within_window) as bigint)
            as new_patients_returned_within_window,
        cast(sum(is_new_patient * has_returned_within_long_window) as bigint)
            as new_patients_returned_within_long_window
    from patient_returns
    group by cohort_month, clinic_id
),

-- A cohort's window closes when that of a patient seen on the month's last day ends.
cohort_windows as (
    select
        cohorts.*,
        cast({{ dbt.dateadd('month', window_months, dbt.last_day('cohort_month', 'month')) }} as date)
            as window_close_date,
        cast({{ dbt.dateadd('month', long_window_months, dbt.last_day('cohort_month', 'month')) }} as date)
            as long_window_close_date
    from cohorts
),

flagged_windows as (
    select
        cohort_windows.*,
        window_close_date <= {{ as_of_date() }} as is_window_complete,
        long_window_close_date <= {{ as_of_date() }} as is_long_window_complete
    from cohort_windows
),

final as (
    select
        -- grain
        cohort_month,
        clinic_id,

        -- windows
        cast({{ window_months }} as integer) as retention_window_months,
        window_close_date,
        is_window_complete,
        cast({{ long_window_months }} as integer) as long_window_months,
        long_window_close_date,
        is_long_window_complete,

        -- practice retention: every patient seen in the month
        patients_seen,
        patients_seen_returned_within_window,
        patients_seen_returned_within_long_window,
        case when is_window_complete then
            {{ ratio('patients_seen_returned_within_window', 'patients_seen') }}
        end as practice_retention_rate,
        case when is_long_window_complete then
            {{ ratio('patients_seen_returned_within_long_window', 'patients_seen') }}
        end as practice_long_window_retention_rate,

        -- new-patient retention: the month's new patients only
        new_patients,
        new_patients_returned_within_window,
        new_patients_returned_within_long_window,
        case when is_window_complete then
            {{ ratio('new_patients_returned_within_window', 'new_patients') }}
        end as new_patient_retention_rate,
        case when is_long_window_complete then
            {{ ratio('new_patients_returned_within_long_window', 'new_patients') }}
        end as new_patient_long_window_retention_rate
    from flagged_windows
)

select * from final
