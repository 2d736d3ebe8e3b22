{{ config(materialized='table') }}

with

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

providers as (
    select * from {{ ref('stg_opendental__provider') }}
),

clinics as (
    select * from {{ ref('stg_opendental__clinic') }}
),

fees as (
    select * from {{ ref('int_fee_schedule') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

patient_plans as (
    select * from {{ ref('stg_opendental__patplan') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

blue_book_entries as (
    select * from {{ ref('stg_opendental__insbluebook') }}
),

-- Procedures that carry a fee: planned (1 TP, 8 TPi) and complete (2).
priced_procedures as (
    select
        procedures.procedure_id,
        procedures.patient_id,
        procedures.provider_id,
        procedures.clinic_id,
        procedures.procedure_code_id,
        procedures.procedure_date,
        procedures.procedure_status_code,
        procedures.procedure_status,
        procedures.unit_quantity + procedures.base_units as production_units,
        procedures.procedure_fee,
        -- The practice's default schedule: the one of the clinic's default provider, else the
        -- procedure's provider's (OpenDental's fallback when neither patient nor plan names one).
        coalesce(clinic_default_providers.fee_schedule_id, procedure_providers.fee_schedule_id)
            as standard_fee_schedule_id,
        -- The schedule OpenDental charges from: the patient's, else the provider's.
        coalesce(patients.fee_schedule_id, procedure_providers.fee_schedule_id)
            as billing_fee_schedule_id
    from procedures
    left join patients
        on procedures.patient_id = patients.patient_id
    left join providers as procedure_providers
        on procedures.provider_id = procedure_providers.provider_id
    left join clinics
        on procedures.clinic_id = clinics.clinic_id
    left join providers as clinic_default_providers
        on clinics.default_provider_id = clinic_default_providers.provider_id
    where procedures.procedure_status_code in (1, 2, 8)
),

-- The procedure's primary insurance claimproc: estimates, claims and capitation rows (not
-- preauthorizations, supplemental payments, adjustments or history), the patient's lowest
-- coverage ordinal first, then the first written. Picked with an aggregate rather than a
-- window: PostgreSQL then hashes the join back to the procedures even without table statistics.
insurance_claim_procedures as (
    select
        claim_procedures.claim_procedure_id,
        claim_procedures.procedure_id,
        claim_procedures.insurance_plan_id,
        claim_procedures.allowed_fee_override,
        coalesce(patient_plans.coverage_ordinal, 99) as coverage_ordinal
    from claim_procedures
    left join patient_plans
        on claim_procedures.patient_id = patient_plans.patient_id
        and claim_procedures.insurance_subscriber_id = patient_plans.insurance_subscriber_id
    where claim_procedures.claim_procedure_status_code in (0, 1, 5, 6, 7, 8)
        and claim_procedures.procedure_id is not null
),

lowest_ordinals as (
    select
        procedure_id,
        min(coverage_ordinal) as coverage_ordinal
    from insurance_claim_procedures
    group by procedure_id
),

primary_claim_procedure_ids as (
    select
        insurance_claim_procedures.procedure_id,
        min(insurance_claim_procedures.claim_procedure_id) as claim_procedure_id
    from insurance_claim_procedures
    inner join lowest_ordinals
        on insurance_claim_procedures.procedure_id = lowest_ordinals.procedure_id
        and insurance_claim_procedures.coverage_ordinal = lowest_ordinals.coverage_ordinal
    group by insurance_claim_procedures.procedure_id
),

primary_claim_procedures as (
    select insurance_claim_procedures.*
    from insurance_claim_procedures
    inner join primary_claim_procedure_ids
        on insurance_claim_procedures.claim_procedure_id = primary_claim_procedure_ids.claim_procedure_id
),

procedures_with_plans as (
    select
        priced_procedures.*,
        primary_claim_procedures.procedure_id is not null as is_insured,
        primary_claim_procedures.insurance_plan_id,
        -- OpenDental stores -1 for "no override".
        case
            when primary_claim_procedures.allowed_fee_override >= 0
                then primary_claim_procedures.allowed_fee_override
        end as allowed_fee_override,
        case when insurance_plans.plan_type = 'ppo_percentage' then insurance_plans.fee_schedule_id end
            as ppo_fee_schedule_id,
        insurance_plans.allowed_fee_schedule_id,
        coalesce(insurance_plans.is_blue_book_enabled, false) as is_blue_book_enabled
    from priced_procedures
    left join primary_claim_procedures
        on priced_procedures.procedure_id = primary_claim_procedures.procedure_id
    left join insurance_plans
        on primary_claim_procedures.insurance_plan_id = insurance_plans.insurance_plan_id
),

fee_lookups as (
    select procedure_id, procedure_code_id, clinic_id, provider_id,
        'standard' as fee_role, standard_fee_schedule_id as fee_schedule_id
    from procedures_with_plans
    union all
    select procedure_id, procedure_code_id, clinic_id, provider_id,
        'billing' as fee_role, billing_fee_schedule_id as fee_schedule_id
    from procedures_with_plans
    union all
    select procedure_id, procedure_code_id, clinic_id, provider_id,
        'ppo' as fee_role, ppo_fee_schedule_id as fee_schedule_id
    from procedures_with_plans
    where ppo_fee_schedule_id is not null
    union all
    select procedure_id, procedure_code_id, clinic_id, provider_id,
        'allowed' as fee_role, allowed_fee_schedule_id as fee_schedule_id
    from procedures_with_plans
    where allowed_fee_schedule_id is not null
),

-- The best-matching fee of each schedule (int_fee_schedule's fee_lookup_rank).
looked_up_fees as (
    select procedure_id, fee_role, fee_amount
    from (
        select
            fee_lookups.procedure_id,
            fee_lookups.fee_role,
            fees.fee_amount,
            row_number() over (
                partition by fee_lookups.procedure_id, fee_lookups.fee_role
                order by fees.fee_lookup_rank
            ) as match_sequence
        from fee_lookups
        inner join fees
            on fee_lookups.fee_schedule_id = fees.fee_schedule_id
            and fee_lookups.procedure_code_id = fees.procedure_code_id
            and (fees.clinic_id is null or fees.clinic_id = fee_lookups.clinic_id)
            and (fees.provider_id is null or fees.provider_id = fee_lookups.provider_id)
    ) as ranked
    where match_sequence = 1
),

pivoted_fees as (
    select
        procedure_id,
        max(case when fee_role = 'standard' then fee_amount end) as standard_fee,
        max(case when fee_role = 'billing' then fee_amount end) as billing_fee,
        max(case when fee_role = 'ppo' then fee_amount end) as ppo_fee,
        max(case when fee_role = 'allowed' then fee_amount end) as allowed_schedule_fee
    from looked_up_fees
    group by procedure_id
),

-- Blue book: the allowed amounts entered from the plan's EOBs for the code, averaged
-- (OpenDental's default Allowed Fee Method). An entry without one (-1) holds only what was paid,
-- which is not an allowed fee, and is skipped.
blue_book_allowed as (
    select
        insurance_plan_id,
        procedure_code_id,
        avg(allowed_fee_override) as blue_book_allowed_amount
    from blue_book_entries
    where allowed_fee_override >= 0
    group by insurance_plan_id, procedure_code_id
),

amounts as (
    select
        procedures_with_plans.*,
        pivoted_fees.standard_fee,
        pivoted_fees.billing_fee,
        cast(procedures_with_plans.procedure_fee * procedures_with_plans.production_units as decimal(15, 2))
            as charged_amount,
        cast(pivoted_fees.standard_fee * procedures_with_plans.production_units as decimal(15, 2))
            as standard_amount,
        cast(pivoted_fees.ppo_fee * procedures_with_plans.production_units as decimal(15, 2))
            as ppo_amount,
        cast(pivoted_fees.allowed_schedule_fee * procedures_with_plans.production_units as decimal(15, 2))
            as allowed_schedule_amount,
        case
            when procedures_with_plans.is_blue_book_enabled
                then cast(blue_book_allowed.blue_book_allowed_amount as decimal(15, 2))
        end as blue_book_amount
    from procedures_with_plans
    left join pivoted_fees
        on procedures_with_plans.procedure_id = pivoted_fees.procedure_id
    left join blue_book_allowed
        on procedures_with_plans.insurance_plan_id = blue_book_allowed.insurance_plan_id
        and procedures_with_plans.procedure_code_id = blue_book_allowed.procedure_code_id
),

-- Insurance-allowed amount, in OpenDental's order: the claimproc's allowed override, the PPO
-- plan's fee schedule, the plan's allowed-fee schedule, the blue book, else the office's fee.
-- A schedule's allowed amount never exceeds the fee charged (OpenDental caps it there).
allowed as (
    select
        *,
        case
            when not is_insured then null
            when allowed_fee_override is not null then 'claim_override'
            when ppo_amount is not null then 'ppo_fee_schedule'
            when allowed_schedule_amount is not null then 'allowed_fee_schedule'
            when blue_book_amount is not null then 'blue_book'
            else 'office_fee'
        end as allowed_source
    from amounts
),

final as (
    select
        -- ids
        procedure_id,
        patient_id,
        provider_id,
        clinic_id,
        procedure_code_id,
        insurance_plan_id,
        standard_fee_schedule_id,
        billing_fee_schedule_id,

        -- dates
        procedure_date,

        -- attributes
        procedure_status_code,
        procedure_status,
        production_units,
        coalesce(allowed_source, 'uninsured') as allowed_source,

        -- amounts
        procedure_fee as charged_fee,
        charged_amount,
        cast(standard_fee as decimal(15, 2)) as standard_fee,
        standard_amount,
        cast(billing_fee as decimal(15, 2)) as billing_fee,
        cast(
            case allowed_source
                when 'claim_override' then allowed_fee_override
                when 'ppo_fee_schedule' then case when ppo_amount < charged_amount then ppo_amount else charged_amount end
                when 'allowed_fee_schedule' then
                    case when allowed_schedule_amount < charged_amount then allowed_schedule_amount else charged_amount end
                when 'blue_book' then blue_book_amount
                when 'office_fee' then charged_amount
            end as decimal(15, 2)
        ) as allowed_amount,
        cast(charged_amount - standard_amount as decimal(15, 2)) as charged_vs_standard_amount,

        -- flags
        is_insured
    from allowed
)

select * from final
