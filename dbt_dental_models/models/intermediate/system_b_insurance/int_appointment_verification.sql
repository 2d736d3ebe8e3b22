{%- set window_days = var('insurance_verification_window_days') -%}

with

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

coverages as (
    select * from {{ ref('int_insurance_coverage') }}
),

verification_history as (
    select * from {{ ref('stg_opendental__insverifyhist') }}
),

patient_plans as (
    select * from {{ ref('stg_opendental__patplan') }}
),

-- Appointments kept or still to come (scheduled or complete) of patients whose coverage was in
-- effect on the day: the visits an office verifies insurance for.
insured_appointments as (
    select
        appointments.appointment_id,
        appointments.patient_id,
        appointments.clinic_id,
        cast(appointments.appointment_at as date) as appointment_date,
        appointments.appointment_status
    from appointments
    where appointments.appointment_status in ('scheduled', 'complete')
        and exists (
            select 1
            from coverages
            where coverages.patient_id = appointments.patient_id
                and (coverages.effective_date is null or coverages.effective_date <= cast(appointments.appointment_at as date))
                and (coverages.termination_date is null or coverages.termination_date >= cast(appointments.appointment_at as date))
        )
),

-- Each verification of a patient's enrolment, with the patient.
patient_verifications as (
    select
        patient_plans.patient_id,
        verification_history.verified_date
    from verification_history
    inner join patient_plans
        on verification_history.patient_plan_id = patient_plans.patient_plan_id
    where verification_history.verified_date is not null
),

-- The latest verification on or before each appointment's day, within the window.
latest_verifications as (
    select
        insured_appointments.appointment_id,
        max(patient_verifications.verified_date) as verified_date
    from insured_appointments
    inner join patient_verifications
        on insured_appointments.patient_id = patient_verifications.patient_id
        and patient_verifications.verified_date <= insured_appointments.appointment_date
        and patient_verifications.verified_date
            >= cast({{ dbt.dateadd('day', -window_days, 'insured_appointments.appointment_date') }} as date)
    group by insured_appointments.appointment_id
),

final as (
    select
        -- grain
        insured_appointments.appointment_id,

        -- ids
        insured_appointments.patient_id,
        insured_appointments.clinic_id,

        -- dates
        insured_appointments.appointment_date,
        latest_verifications.verified_date,

        -- days
        {{ dbt.datediff('latest_verifications.verified_date', 'insured_appointments.appointment_date', 'day') }}
            as days_verified_ahead,

        -- attributes
        insured_appointments.appointment_status,

        -- flags
        (latest_verifications.verified_date is not null) as is_verified
    from insured_appointments
    left join latest_verifications
        on insured_appointments.appointment_id = latest_verifications.appointment_id
)

select * from final
