{{ config(indexes=api_date_index('calendar_date')) }}

with

appointment_metrics as (
    select * from {{ ref('int_appointment_metrics') }}
),

provider_schedule as (
    select * from {{ ref('int_appointment_schedule') }}
),

-- Every day, provider and clinic with working hours on the schedule or appointments booked, in
-- the past and as far ahead as either reaches.
provider_days as (
    select
        appointment_date as calendar_date,
        provider_id,
        clinic_id
    from appointment_metrics
    union
    select
        schedule_date as calendar_date,
        provider_id,
        clinic_id
    from provider_schedule
),

final as (
    select
        -- grain
        provider_days.calendar_date,
        provider_days.provider_id,
        provider_days.clinic_id,

        -- attributes
        provider_days.calendar_date > {{ as_of_date() }} as is_future,

        -- appointments in the provider's chair time (the hygienist's for hygiene appointments)
        cast(coalesce(appointment_metrics.appointments_scheduled, 0) as bigint) as appointments_scheduled,
        cast(coalesce(appointment_metrics.appointments_completed, 0) as bigint) as appointments_completed,
        cast(coalesce(appointment_metrics.appointments_broken, 0) as bigint) as appointments_broken,
        cast(coalesce(appointment_metrics.appointments_unscheduled, 0) as bigint) as appointments_unscheduled,
        cast(coalesce(appointment_metrics.appointments_pending, 0) as bigint) as appointments_pending,
        cast(coalesce(appointment_metrics.appointments_no_show, 0) as bigint) as appointments_no_show,
        cast(coalesce(appointment_metrics.appointments_cancelled, 0) as bigint) as appointments_cancelled,
        cast(coalesce(appointment_metrics.new_patient_appointments, 0) as bigint) as new_patient_appointments,

        -- chair time: the provider's working hours, and the appointments booked in them
        cast(coalesce(provider_schedule.scheduled_minutes, 0) as decimal(12, 2)) as scheduled_minutes,
        cast(coalesce(appointment_metrics.booked_appointment_count, 0) as bigint) as booked_appointment_count,
        cast(coalesce(appointment_metrics.booked_minutes, 0) as decimal(12, 2)) as booked_minutes,

        -- production of the appointments
        cast(coalesce(appointment_metrics.scheduled_production_amount, 0) as decimal(15, 2))
            as scheduled_production_amount,
        cast(coalesce(appointment_metrics.completed_production_amount, 0) as decimal(15, 2))
            as completed_production_amount
    from provider_days
    left join appointment_metrics
        on provider_days.calendar_date = appointment_metrics.appointment_date
        and provider_days.provider_id = appointment_metrics.provider_id
        and coalesce(provider_days.clinic_id, -1) = coalesce(appointment_metrics.clinic_id, -1)
    left join provider_schedule
        on provider_days.calendar_date = provider_schedule.schedule_date
        and provider_days.provider_id = provider_schedule.provider_id
        and coalesce(provider_days.clinic_id, -1) = coalesce(provider_schedule.clinic_id, -1)
)

select * from final
