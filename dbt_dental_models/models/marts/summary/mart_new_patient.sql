with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

appointments as (
    select * from {{ ref('int_appointment_details') }}
),

referral_links as (
    select * from {{ ref('int_patient_referral_bridge') }}
),

-- New patients (DESIGN.md): the patient's first completed procedure, broken-appointment codes
-- left out; int_procedure_complete flags exactly one such procedure per patient. Its provider
-- and clinic are the ones the new patient is credited to.
new_patients as (
    select
        patient_id,
        procedure_date as first_visit_date,
        provider_id,
        clinic_id
    from completed_procedures
    where is_new_patient_procedure
),

-- Production of the first visit: every completed procedure of the patient on the first-visit
-- day, whoever did it; a broken-appointment charge is not part of a visit.
first_visit_production as (
    select
        new_patients.patient_id,
        sum(completed_procedures.production_amount) as first_visit_production_amount
    from new_patients
    inner join completed_procedures
        on new_patients.patient_id = completed_procedures.patient_id
        and new_patients.first_visit_date = completed_procedures.procedure_date
    where not completed_procedures.is_broken_appointment_code
    group by new_patients.patient_id
),

-- Follow-up booked: an appointment for a later day than the first visit, whatever became of it
-- (scheduled, complete, broken, unscheduled_list; planned appointments and notes are not visits).
followups_scheduled as (
    select distinct new_patients.patient_id
    from new_patients
    inner join appointments
        on new_patients.patient_id = appointments.patient_id
        and appointments.appointment_date > new_patients.first_visit_date
    where appointments.appointment_status in ('scheduled', 'complete', 'broken', 'unscheduled_list')
),

-- Follow-up completed: another completed procedure on a later day, not a broken-appointment code.
followups_completed as (
    select distinct new_patients.patient_id
    from new_patients
    inner join completed_procedures
        on new_patients.patient_id = completed_procedures.patient_id
        and completed_procedures.procedure_date > new_patients.first_visit_date
    where not completed_procedures.is_broken_appointment_code
),

-- The referral source OpenDental's reports credit: the patient's first "referred from" link.
primary_referral_sources as (
    select
        patient_id,
        referral_id,
        referral_specialty_name,
        is_referral_doctor
    from referral_links
    where is_primary_referral_source
),

new_patient_details as (
    select
        cast({{ dbt.date_trunc('month', 'new_patients.first_visit_date') }} as date) as first_visit_month,
        new_patients.clinic_id,
        new_patients.provider_id,
        primary_referral_sources.referral_id,
        case
            when primary_referral_sources.patient_id is null then 'none'
            when primary_referral_sources.is_referral_doctor then 'doctor'
            else 'other'
        end as referral_source,
        primary_referral_sources.referral_specialty_name,
        coalesce(first_visit_production.first_visit_production_amount, 0) as first_visit_production_amount,
        followups_scheduled.patient_id is not null as has_followup_scheduled,
        followups_completed.patient_id is not null as has_followup_completed
    from new_patients
    left join first_visit_production
        on new_patients.patient_id = first_visit_production.patient_id
    left join followups_scheduled
        on new_patients.patient_id = followups_scheduled.patient_id
    left join followups_completed
        on new_patients.patient_id = followups_completed.patient_id
    left join primary_referral_sources
        on new_patients.patient_id = primary_referral_sources.patient_id
),

monthly as (
    select
        first_visit_month,
        clinic_id,
        provider_id,
        referral_id,
        referral_source,
        referral_specialty_name,
        cast(count(*) as bigint) as new_patients,
        cast(sum(first_visit_production_amount) as decimal(15, 2)) as first_visit_production_amount,
        cast(sum(case when has_followup_scheduled then 1 else 0 end) as bigint)
            as patients_with_followup_scheduled,
        cast(sum(case when has_followup_completed then 1 else 0 end) as bigint)
            as patients_with_followup_completed
    from new_patient_details
    group by
        first_visit_month,
        clinic_id,
        provider_id,
        referral_id,
        referral_source,
        referral_specialty_name
),

final as (
    select
        -- grain
        first_visit_month,
        clinic_id,
        provider_id,
        referral_id,
        referral_source,

        -- attributes
        referral_specialty_name,

        -- measures
        new_patients,
        first_visit_production_amount,
        patients_with_followup_scheduled,
        patients_with_followup_completed,
        {{ ratio('patients_with_followup_scheduled', 'new_patients') }} as followup_scheduled_rate,
        {{ ratio('patients_with_followup_completed', 'new_patients') }} as followup_completed_rate
    from monthly
)

select * from final
