with

providers as (
    select * from {{ ref('stg_opendental__provider') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

clinics as (
    select * from {{ ref('stg_opendental__clinic') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

-- Where each provider works: completed procedures by clinic, up to the as-of date.
provider_clinic_work as (
    select
        provider_id,
        clinic_id,
        count(*) as completed_procedure_count,
        min(procedure_date) as first_procedure_date,
        max(procedure_date) as last_procedure_date
    from procedures
    where procedure_status_code = 2
        and provider_id is not null
        and procedure_date <= {{ as_of_date() }}
    group by provider_id, clinic_id
),

provider_work as (
    select
        provider_id,
        cast(sum(completed_procedure_count) as bigint) as completed_procedure_count,
        count(clinic_id) as clinic_count,
        min(first_procedure_date) as first_procedure_date,
        max(last_procedure_date) as last_procedure_date
    from provider_clinic_work
    group by provider_id
),

-- The provider's main clinic: the one with most completed procedures (lowest ClinicNum on a tie).
primary_clinics as (
    select provider_id, clinic_id
    from (
        select
            provider_id,
            clinic_id,
            row_number() over (
                partition by provider_id
                order by completed_procedure_count desc, clinic_id
            ) as clinic_rank
        from provider_clinic_work
        where clinic_id is not null
    ) as ranked
    where clinic_rank = 1
),

default_provider_clinics as (
    select
        default_provider_id as provider_id,
        count(*) as default_for_clinic_count
    from clinics
    where default_provider_id is not null
    group by default_provider_id
),

final as (
    select
        -- ids
        providers.provider_id,
        providers.fee_schedule_id,
        providers.specialty_definition_id,
        primary_clinics.clinic_id as primary_clinic_id,

        -- dates
        providers.term_end_date,
        provider_work.first_procedure_date,
        provider_work.last_procedure_date,

        -- attributes
        providers.abbreviation,
        providers.first_name,
        providers.last_name,
        providers.provider_status,
        specialties.item_name as specialty_name,
        -- The role a practice reports by: OpenDental's hygienist flag (IsSecondary) first, then
        -- the specialty definition's name.
        case
            when providers.is_not_person then 'not_a_person'
            when providers.is_hygienist then 'hygienist'
            when lower(specialties.item_name) like '%hygienist%' then 'hygienist'
            when lower(specialties.item_name) like '%assistant%' then 'assistant'
            when lower(specialties.item_name) like '%physician%' then 'other'
            else 'dentist'
        end as provider_role,
        coalesce(provider_work.completed_procedure_count, 0) as completed_procedure_count,
        coalesce(provider_work.clinic_count, 0) as clinic_count,
        coalesce(default_provider_clinics.default_for_clinic_count, 0) as default_for_clinic_count,

        -- flags
        providers.is_hygienist,
        providers.is_hidden,
        (
            providers.provider_status_code = 0
            and not providers.is_hidden
            and (providers.term_end_date is null or providers.term_end_date >= {{ as_of_date() }})
        ) as is_active
    from providers
    left join definitions as specialties
        on providers.specialty_definition_id = specialties.definition_id
    left join provider_work
        on providers.provider_id = provider_work.provider_id
    left join primary_clinics
        on providers.provider_id = primary_clinics.provider_id
    left join default_provider_clinics
        on providers.provider_id = default_provider_clinics.provider_id
)

select * from final
