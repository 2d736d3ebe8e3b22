with

appointments as (
    select * from {{ ref('int_appointment_details') }}
),

rules_by_row as (
    {{ opendental_rules_by_row() }}
),

final as (
    select
        -- ids
        appointment_id,
        patient_id,
        provider_id,
        hygienist_id,
        clinic_id,
        operatory_id,
        appointment_type_id,

        -- dates and times
        appointment_date,
        appointment_at,
        cast(start_time_minutes as integer) as start_time_minutes,

        -- status
        cast(appointment_status_code as integer) as appointment_status_code,
        appointment_status,

        -- flags
        is_booked,
        is_new_patient,
        is_hygiene,
        is_broken_appointment_charged,

        -- durations
        cast(appointment_length_minutes as integer) as appointment_length_minutes,
        cast(wait_minutes as integer) as wait_minutes,
        cast(chair_minutes as integer) as chair_minutes,

        -- counts and amounts
        cast(procedure_count as bigint) as procedure_count,
        cast(scheduled_production_amount as decimal(15, 2)) as scheduled_production_amount,
        cast(completed_production_amount as decimal(15, 2)) as completed_production_amount,
        broken_appointment_code,
        cast(broken_appointment_fee_amount as decimal(15, 2)) as broken_appointment_fee_amount,

        -- broken appointment: no-show or cancellation
        broken_at,
        broken_appointment_type,
        broken_appointment_type_rule,

        -- data quality
        cast(appointment_rules.rules_broken as varchar) as opendental_rules_broken
    from appointments
    left join rules_by_row as appointment_rules
        on appointment_rules.table_name = 'appointment'
        and appointments.appointment_id = appointment_rules.row_id
)

select * from final
