with schedule_blocks as (
    select * from {{ ref('stg_opendental__schedule') }}
),

appointment_details as (
    select * from {{ ref('int_appointment_details') }}
),

-- Provider working hours (SchedType 1); blockouts, employee hours and practice notes are not
-- provider time.
provider_days as (
    select
        provider_id,
        schedule_date,
        min(clinic_id) as clinic_id,
        count(*) as schedule_block_count,
        min(start_time_minutes) as first_start_time_minutes,
        max(stop_time_minutes) as last_stop_time_minutes,
        sum(stop_time_minutes - start_time_minutes) as scheduled_minutes
    from schedule_blocks
    where schedule_type_code = 1
      and provider_id is not null
    group by provider_id, schedule_date
),

-- Chair time booked for the provider that day: scheduled and complete appointments, each on the
-- schedule of the provider whose time it takes (the hygienist for a hygiene appointment).
booked_days as (
    select
        schedule_provider_id as provider_id,
        appointment_date,
        count(*) as booked_appointment_count,
        sum(appointment_length_minutes) as booked_minutes
    from appointment_details
    where is_booked
    group by schedule_provider_id, appointment_date
),

final as (
    select
        provider_days.provider_id,
        provider_days.schedule_date,
        provider_days.clinic_id,
        provider_days.schedule_block_count,
        provider_days.first_start_time_minutes,
        provider_days.last_stop_time_minutes,
        cast(provider_days.scheduled_minutes as decimal(12, 2)) as scheduled_minutes,
        coalesce(booked_days.booked_appointment_count, 0) as booked_appointment_count,
        cast(coalesce(booked_days.booked_minutes, 0) as decimal(12, 2)) as booked_minutes,
        {{ ratio('coalesce(booked_days.booked_minutes, 0)', 'provider_days.scheduled_minutes') }}
            as utilization_rate
    from provider_days
    left join booked_days
        on provider_days.provider_id = booked_days.provider_id
        and provider_days.schedule_date = booked_days.appointment_date
)

select * from final
