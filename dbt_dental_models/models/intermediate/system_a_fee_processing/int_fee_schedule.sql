with

fees as (
    select * from {{ ref('stg_opendental__fee') }}
),

fee_schedules as (
    select * from {{ ref('stg_opendental__feesched') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

-- OpenDental looks a fee up by schedule and code, preferring a fee set for the provider and
-- clinic, then for the provider, then for the clinic, then the schedule's default fee.
-- fee_lookup_rank is that order (1 first).
final as (
    select
        -- ids
        fees.fee_id,
        fees.fee_schedule_id,
        fees.procedure_code_id,
        fees.clinic_id,
        fees.provider_id,

        -- attributes
        fee_schedules.description as fee_schedule_description,
        fee_schedules.fee_schedule_type,
        procedure_catalog.procedure_code,
        procedure_catalog.cdt_category,
        case
            when fees.provider_id is not null and fees.clinic_id is not null then 'provider_and_clinic'
            when fees.provider_id is not null then 'provider'
            when fees.clinic_id is not null then 'clinic'
            else 'default'
        end as fee_scope,
        case
            when fees.provider_id is not null and fees.clinic_id is not null then 1
            when fees.provider_id is not null then 2
            when fees.clinic_id is not null then 3
            else 4
        end as fee_lookup_rank,

        -- amounts
        fees.fee_amount,

        -- flags
        coalesce(fee_schedules.is_hidden, false) as is_fee_schedule_hidden
    from fees
    left join fee_schedules
        on fees.fee_schedule_id = fee_schedules.fee_schedule_id
    left join procedure_catalog
        on fees.procedure_code_id = procedure_catalog.procedure_code_id
)

select * from final
