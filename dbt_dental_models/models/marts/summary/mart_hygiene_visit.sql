with

patient_visits as (
    select * from {{ ref('int_patient_visits') }}
),

-- Hygiene visits (int_patient_visits): a day with a completed prophylaxis, scaling and root
-- planing or periodontal maintenance, credited to the provider and clinic of its first such
-- procedure (the hygienist's).
hygiene_visits as (
    select
        cast({{ dbt.date_trunc('month', 'visit_date') }} as date) as visit_month,
        clinic_id,
        provider_id,
        is_perio_visit,
        has_next_hygiene_appointment_booked
    from patient_visits
    where is_hygiene_visit
      and visit_date <= {{ as_of_date() }}
),

monthly as (
    select
        visit_month,
        clinic_id,
        provider_id,
        cast(count(*) as bigint) as hygiene_visits,
        cast(sum(case when has_next_hygiene_appointment_booked then 1 else 0 end) as bigint)
            as hygiene_visits_reappointed,
        cast(sum(case when is_perio_visit then 1 else 0 end) as bigint) as perio_visits
    from hygiene_visits
    group by visit_month, clinic_id, provider_id
),

final as (
    select
        -- grain
        visit_month,
        clinic_id,
        provider_id,

        -- hygiene visits
        hygiene_visits,

        -- hygiene reappointment
        hygiene_visits_reappointed,
        {{ ratio('hygiene_visits_reappointed', 'hygiene_visits') }} as hygiene_reappointment_rate,

        -- perio share
        perio_visits,
        {{ ratio('perio_visits', 'hygiene_visits') }} as perio_share
    from monthly
)

select * from final
