with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

patient_visits as (
    select * from {{ ref('int_patient_visits') }}
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

-- The first visit as int_patient_visits sees it: whether the patient left with their next
-- appointment booked (entered by the first-visit day for a later day, still scheduled or complete
-- at the as-of date), and the next visit (completed work on a later day).
-- Follow-up: that next visit within var('new_patient_followup_window_days') of the first.
first_visit_outcomes as (
    select
        new_patients.patient_id,
        patient_visits.has_next_appointment_booked,
        coalesce(
            patient_visits.next_visit_date <= cast(
                {{ dbt.dateadd('day', var('new_patient_followup_window_days'), 'new_patients.first_visit_date') }}
                as date
            ),
            false
        ) as has_followup_visit_within_window
    from new_patients
    inner join patient_visits
        on new_patients.patient_id = patient_visits.patient_id
        and new_patients.first_visit_date = patient_visits.visit_date
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
        coalesce(first_visit_outcomes.has_next_appointment_booked, false) as has_next_appointment_booked,
        coalesce(first_visit_outcomes.has_followup_visit_within_window, false)
            as has_followup_visit_within_window
    from new_patients
    left join first_visit_production
        on new_patients.patient_id = first_visit_production.patient_id
    left join first_visit_outcomes
        on new_patients.patient_id = first_visit_outcomes.patient_id
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
        cast(sum(case when has_next_appointment_booked then 1 else 0 end) as bigint)
            as patients_left_with_next_appointment,
        cast(sum(case when has_followup_visit_within_window then 1 else 0 end) as bigint)
            as patients_with_followup_visit_within_window
    from new_patient_details
    group by
        first_visit_month,
        clinic_id,
        provider_id,
        referral_id,
        referral_source,
        referral_specialty_name
),

-- The follow-up window of a month closes when that of a patient first seen on its last day ends.
followup_windows as (
    select
        monthly.*,
        cast(
            {{ dbt.dateadd('day', var('new_patient_followup_window_days'), dbt.last_day('first_visit_month', 'month')) }}
            as date
        ) as followup_window_close_date
    from monthly
),

flagged_windows as (
    select
        followup_windows.*,
        followup_window_close_date <= {{ as_of_date() }} as is_followup_window_complete
    from followup_windows
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

        -- left with the next appointment booked (known on the first-visit day)
        patients_left_with_next_appointment,
        {{ ratio('patients_left_with_next_appointment', 'new_patients') }} as left_with_next_appointment_rate,

        -- follow-up visit within the window
        cast({{ var('new_patient_followup_window_days') }} as integer) as followup_window_days,
        followup_window_close_date,
        is_followup_window_complete,
        patients_with_followup_visit_within_window,
        case when is_followup_window_complete then
            {{ ratio('patients_with_followup_visit_within_window', 'new_patients') }}
        end as followup_visit_within_window_rate
    from flagged_windows
)

select * from final
