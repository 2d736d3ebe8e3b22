with appointment_details as (
    select * from {{ ref('int_appointment_details') }}
),

-- Appointments booked for a day, whatever became of them; planned appointments and patient notes
-- are not visits, and an appointment with no date is on no day.
day_appointments as (
    select *
    from appointment_details
    where appointment_status in ('scheduled', 'complete', 'broken', 'unscheduled_list')
      and appointment_date is not null
),

daily as (
    select
        appointment_date,
        clinic_id,
        schedule_provider_id as provider_id,
        count(*) as appointments_scheduled,
        count(case when appointment_status = 'complete' then 1 end) as appointments_completed,
        count(case when appointment_status = 'broken' then 1 end) as appointments_broken,
        count(case when appointment_status = 'unscheduled_list' then 1 end) as appointments_unscheduled,
        count(case when appointment_status = 'scheduled' then 1 end) as appointments_pending,
        count(case when broken_appointment_type = 'no_show' then 1 end) as appointments_no_show,
        count(case when broken_appointment_type = 'cancelled' then 1 end) as appointments_cancelled,
        count(case when is_new_patient then 1 end) as new_patient_appointments,
        count(case when is_booked then 1 end) as booked_appointment_count,
        sum(case when is_booked then appointment_length_minutes else 0 end) as booked_minutes,
        sum(appointment_length_minutes) as total_length_minutes,
        cast(sum(scheduled_production_amount) as decimal(15, 2)) as scheduled_production_amount,
        cast(
            sum(case when appointment_status = 'complete' then completed_production_amount else 0 end)
            as decimal(15, 2)
        ) as completed_production_amount
    from day_appointments
    group by appointment_date, clinic_id, schedule_provider_id
),

final as (
    select
        appointment_date,
        clinic_id,
        provider_id,
        appointments_scheduled,
        appointments_completed,
        appointments_broken,
        appointments_unscheduled,
        appointments_pending,
        appointments_no_show,
        appointments_cancelled,
        new_patient_appointments,
        booked_appointment_count,
        cast(booked_minutes as decimal(12, 2)) as booked_minutes,
        cast(cast(total_length_minutes as decimal(12, 2)) / appointments_scheduled as decimal(8, 2))
            as average_length_minutes,
        scheduled_production_amount,
        completed_production_amount
    from daily
)

select * from final
