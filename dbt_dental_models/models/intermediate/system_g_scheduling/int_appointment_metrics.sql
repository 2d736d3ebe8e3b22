with appointment_details as (
    select * from {{ ref('int_appointment_details') }}
),

-- Appointments booked for a day, whatever became of them; planned appointments and patient notes
-- are not visits and are left out.
day_appointments as (
    select *
    from appointment_details
    where appointment_status in ('scheduled', 'complete', 'broken', 'unscheduled_list')
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
        count(case when is_new_patient then 1 end) as new_patient_appointments,
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
        new_patient_appointments,
        -- Broken among the appointments that reached their day and were either kept or broken.
        {{ ratio('appointments_broken', 'appointments_completed + appointments_broken') }} as no_show_rate,
        cast(cast(total_length_minutes as decimal(12, 2)) / appointments_scheduled as decimal(8, 2))
            as average_length_minutes,
        scheduled_production_amount,
        completed_production_amount
    from daily
)

select * from final
