{%- set window_months = var('retention_window_months') -%}
{%- set long_window_months = var('retention_long_window_months') -%}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

-- New patients (DESIGN.md): the first completed procedure, broken-appointment codes left out,
-- flagged once per patient by int_procedure_complete; the cohort is its month and clinic.
new_patients as (
    select
        patient_id,
        clinic_id,
        procedure_date as first_visit_date,
        cast({{ dbt.date_trunc('month', 'procedure_date') }} as date) as cohort_month
    from completed_procedures
    where is_new_patient_procedure
),

-- The windows end the same day N months later (the month's last day when that day does not
-- exist: 31 August + 6 months = 28/29 February); a return on that day still counts.
patient_windows as (
    select
        new_patients.*,
        cast({{ dbt.dateadd('month', window_months, 'first_visit_date') }} as date) as window_end_date,
        cast({{ dbt.dateadd('month', long_window_months, 'first_visit_date') }} as date)
            as long_window_end_date
    from new_patients
),

-- The first return: another completed procedure on a later day that is not a broken-appointment
-- code (a charge for a visit that did not happen).
first_returns as (
    select
        patient_windows.patient_id,
        min(completed_procedures.procedure_date) as first_return_date
    from patient_windows
    inner join completed_procedures
        on patient_windows.patient_id = completed_procedures.patient_id
        and completed_procedures.procedure_date > patient_windows.first_visit_date
    where not completed_procedures.is_broken_appointment_code
    group by patient_windows.patient_id
),

patient_returns as (
    select
        patient_windows.cohort_month,
        patient_windows.clinic_id,
        coalesce(first_returns.first_return_date <= patient_windows.window_end_date, false)
            as has_returned_within_window,
        coalesce(first_returns.first_return_date <= patient_windows.long_window_end_date, false)
            as has_returned_within_long_window
    from patient_windows
    left join first_returns
        on patient_windows.patient_id = first_returns.patient_id
),

cohorts as (
    select
        cohort_month,
        clinic_id,
        cast(count(*) as bigint) as new_patients,
        cast(sum(case when has_returned_within_window then 1 else 0 end) as bigint)
            as returned_within_window,
        cast(sum(case when has_returned_within_long_window then 1 else 0 end) as bigint)
            as returned_within_long_window
    from patient_returns
    group by cohort_month, clinic_id
),

-- A cohort's window closes when that of a patient first seen on the month's last day ends.
cohort_windows as (
    select
        cohorts.*,
        cast({{ dbt.dateadd('month', window_months, dbt.last_day('cohort_month', 'month')) }} as date)
            as window_close_date,
        cast({{ dbt.dateadd('month', long_window_months, dbt.last_day('cohort_month', 'month')) }} as date)
            as long_window_close_date
    from cohorts
),

final as (
    select
        -- grain
        cohort_month,
        clinic_id,

        -- cohort
        new_patients,

        -- retention window
        cast({{ window_months }} as integer) as retention_window_months,
        window_close_date,
        window_close_date <= {{ as_of_date() }} as is_window_complete,
        returned_within_window,
        {{ ratio('returned_within_window', 'new_patients') }} as retention_rate,

        -- long retention window
        cast({{ long_window_months }} as integer) as long_window_months,
        long_window_close_date,
        long_window_close_date <= {{ as_of_date() }} as is_long_window_complete,
        returned_within_long_window,
        {{ ratio('returned_within_long_window', 'new_patients') }} as long_window_retention_rate
    from cohort_windows
)

select * from final
