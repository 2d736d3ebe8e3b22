with

fees as (
    select * from {{ ref('int_fee_schedule') }}
),

patient_profiles as (
    select * from {{ ref('int_patient_profile') }}
),

provider_profiles as (
    select * from {{ ref('int_provider_profile') }}
),

-- The schedule's name, type and hidden flag are the same on every fee of the schedule (they
-- come from its one feesched row), so max() and bool_or() just pick them.
fee_schedule_fees as (
    select
        fee_schedule_id,
        max(fee_schedule_description) as fee_schedule_description,
        max(fee_schedule_type) as fee_schedule_type,
        bool_or(is_fee_schedule_hidden) as is_hidden,
        cast(count(*) as bigint) as fee_count,
        cast(sum(case when fee_scope = 'default' then 0 else 1 end) as bigint) as override_fee_count,
        cast(count(distinct procedure_code_id) as bigint) as procedure_code_count,
        cast(min(fee_amount) as decimal(15, 2)) as min_fee_amount,
        cast(avg(fee_amount) as decimal(15, 2)) as avg_fee_amount,
        cast(max(fee_amount) as decimal(15, 2)) as max_fee_amount
    from fees
    group by fee_schedule_id
),

fee_schedule_patients as (
    select
        fee_schedule_id,
        cast(count(*) as bigint) as patient_count
    from patient_profiles
    where fee_schedule_id is not null
    group by fee_schedule_id
),

fee_schedule_providers as (
    select
        fee_schedule_id,
        cast(count(*) as bigint) as provider_count
    from provider_profiles
    where fee_schedule_id is not null
    group by fee_schedule_id
),

final as (
    select
        -- ids
        fee_schedule_fees.fee_schedule_id,

        -- attributes
        fee_schedule_fees.fee_schedule_description,
        fee_schedule_fees.fee_schedule_type,
        fee_schedule_fees.fee_count,
        fee_schedule_fees.override_fee_count,
        fee_schedule_fees.procedure_code_count,
        coalesce(fee_schedule_patients.patient_count, cast(0 as bigint)) as patient_count,
        coalesce(fee_schedule_providers.provider_count, cast(0 as bigint)) as provider_count,

        -- amounts
        fee_schedule_fees.min_fee_amount,
        fee_schedule_fees.avg_fee_amount,
        fee_schedule_fees.max_fee_amount,

        -- flags
        fee_schedule_fees.is_hidden
    from fee_schedule_fees
    left join fee_schedule_patients
        on fee_schedule_fees.fee_schedule_id = fee_schedule_patients.fee_schedule_id
    left join fee_schedule_providers
        on fee_schedule_fees.fee_schedule_id = fee_schedule_providers.fee_schedule_id
)

select * from final
