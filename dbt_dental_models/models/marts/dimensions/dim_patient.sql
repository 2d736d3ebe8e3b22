{{ config(indexes=api_date_index('first_completed_procedure_date')) }}

{#- A patient's recall status is that of their most pressing recall, in this order. -#}
{%- set recall_status_order = ['overdue', 'due', 'scheduled', 'not_due', 'no_due_date', 'disabled'] -%}

with

patient_profiles as (
    select * from {{ ref('int_patient_profile') }}
),

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

referral_links as (
    select * from {{ ref('int_patient_referral_bridge') }}
),

recalls as (
    select * from {{ ref('int_recall_management') }}
),

-- DESIGN's new-patient rule: the patient's first completed procedure, broken-appointment codes
-- (D9986, D9987) left out. int_procedure_complete flags exactly that procedure per patient.
new_patient_procedures as (
    select
        patient_id,
        procedure_id as first_completed_procedure_id,
        procedure_date as first_completed_procedure_date
    from completed_procedures
    where is_new_patient_procedure
),

-- DESIGN's active patient: a completed procedure (not a broken-appointment charge) in the
-- var('active_patient_months') months up to the as-of date.
last_completed_procedures as (
    select
        patient_id,
        max(procedure_date) as last_completed_procedure_date
    from completed_procedures
    where not is_broken_appointment_code
        and procedure_date <= {{ as_of_date() }}
    group by patient_id
),

-- The referral source OpenDental's referral reports credit: the patient's first "referred from"
-- link.
primary_referral_sources as (
    select
        patient_id,
        referral_id as primary_referral_id,
        case when is_referral_doctor then 'doctor' else 'other' end as referral_source_type,
        referral_specialty_name as referral_source_specialty
    from referral_links
    where is_primary_referral_source
),

patient_recalls as (
    select
        patient_id,
        min(case when not is_disabled then due_date end) as next_recall_due_date,
        min(
            case recall_status
                {%- for status in recall_status_order %}
                when '{{ status }}' then {{ loop.index }}
                {%- endfor %}
            end
        ) as recall_status_rank
    from recalls
    group by patient_id
),

final as (
    select
        -- ids
        patient_profiles.patient_id,
        patient_profiles.guarantor_id,
        patient_profiles.clinic_id,
        patient_profiles.primary_provider_id,
        patient_profiles.secondary_provider_id,
        patient_profiles.fee_schedule_id,
        patient_profiles.primary_insurance_plan_id,
        patient_profiles.secondary_insurance_plan_id,
        primary_referral_sources.primary_referral_id,
        new_patient_procedures.first_completed_procedure_id,

        -- dates
        new_patient_procedures.first_completed_procedure_date,
        cast(
            {{ dbt.date_trunc('month', 'new_patient_procedures.first_completed_procedure_date') }}
            as date
        ) as new_patient_month,
        patient_profiles.first_visit_date,
        patient_profiles.last_visit_date,
        last_completed_procedures.last_completed_procedure_date,
        patient_recalls.next_recall_due_date,

        -- attributes
        patient_profiles.gender,
        patient_profiles.age_band,
        patient_profiles.patient_status,
        patient_profiles.city,
        patient_profiles.state,
        patient_profiles.insurance_status,
        coalesce(primary_referral_sources.referral_source_type, 'none') as referral_source_type,
        primary_referral_sources.referral_source_specialty,
        case patient_recalls.recall_status_rank
            {%- for status in recall_status_order %}
            when {{ loop.index }} then '{{ status }}'
            {%- endfor %}
            else 'none'
        end as recall_status,
        cast(patient_profiles.family_member_count as bigint) as family_member_count,
        cast(patient_profiles.visit_day_count as bigint) as visit_day_count,
        cast(patient_profiles.days_since_last_visit as integer) as days_since_last_visit,

        -- flags
        patient_profiles.is_guarantor,
        patient_profiles.has_active_insurance,
        coalesce(
            last_completed_procedures.last_completed_procedure_date
                > {{ dbt.dateadd('month', -var('active_patient_months'), as_of_date()) }},
            false
        ) as is_active_patient
    from patient_profiles
    left join new_patient_procedures
        on patient_profiles.patient_id = new_patient_procedures.patient_id
    left join primary_referral_sources
        on patient_profiles.patient_id = primary_referral_sources.patient_id
    left join patient_recalls
        on patient_profiles.patient_id = patient_recalls.patient_id
    left join last_completed_procedures
        on patient_profiles.patient_id = last_completed_procedures.patient_id
)

select * from final
