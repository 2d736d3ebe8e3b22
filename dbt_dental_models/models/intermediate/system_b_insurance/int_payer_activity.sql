{%- set programs = var('government_program_by_filing_code') -%}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

patient_payments as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

insurance_payments as (
    select * from {{ ref('int_insurance_payment_allocated') }}
),

claim_procedures as (
    select * from {{ ref('int_claim_details') }}
),

coverages as (
    select * from {{ ref('int_insurance_coverage') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

filing_codes as (
    select * from {{ ref('stg_opendental__insfilingcode') }}
),

-- The amounts the payer mixes split, dated as OpenDental's reports date them (DESIGN.md).
activity as (
    select
        'production' as activity_type,
        procedure_id as source_id,
        patient_id,
        procedure_date as activity_date,
        production_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        not is_broken_appointment_code as is_visit_procedure
    from completed_procedures

    union all

    select
        'patient_income' as activity_type,
        payment_split_id as source_id,
        patient_id,
        payment_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        false as is_visit_procedure
    from patient_payments
    where is_patient_income

    union all

    select
        'insurance_income' as activity_type,
        claim_procedure_id as source_id,
        patient_id,
        income_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        insurance_paid_amount as insurance_income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        false as is_visit_procedure
    from insurance_payments
    where income_date is not null

    union all

    select
        'write_off' as activity_type,
        claim_procedure_id as source_id,
        patient_id,
        payment_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount,
        write_off_amount,
        false as is_visit_procedure
    from claim_procedures
    where is_received_or_supplemental
),

primary_coverages as (
    select
        patient_plan_id,
        patient_id,
        insurance_plan_id,
        effective_date,
        termination_date,
        plan_type
    from coverages
    where coverage_ordinal = 1
),

-- The primary coverage in effect on each amount's date, the lowest PatPlanNum should two overlap
-- (so no amount is counted twice; both payer mixes split these rows).
activity_coverages as (
    select
        activity.activity_type,
        activity.source_id,
        primary_coverages.insurance_plan_id,
        primary_coverages.plan_type,
        row_number() over (
            partition by activity.activity_type, activity.source_id
            order by primary_coverages.patient_plan_id
        ) as coverage_sequence
    from activity
    inner join primary_coverages
        on activity.patient_id = primary_coverages.patient_id
        and (primary_coverages.effective_date is null or primary_coverages.effective_date <= activity.activity_date)
        and (primary_coverages.termination_date is null or primary_coverages.termination_date >= activity.activity_date)
),

final as (
    select
        -- grain
        activity.activity_type,
        activity.source_id,

        -- ids
        activity.patient_id,
        activity_coverages.insurance_plan_id,
        insurance_plans.insurance_filing_code_id,

        -- dates
        activity.activity_date,

        -- amounts
        activity.production_amount,
        activity.patient_income_amount,
        activity.insurance_income_amount,
        activity.write_off_amount,

        -- attributes
        activity_coverages.plan_type,
        filing_codes.filing_code_description,
        filing_codes.eclaim_code,
        case
            when activity_coverages.source_id is null then 'self_pay'
            when lower(filing_codes.filing_code_description) like '%{{ var("chip_filing_code_name") }}%' then 'chip'
            {%- for code, program in programs.items() %}
            when filing_codes.eclaim_code = '{{ code }}' then '{{ program }}'
            {%- endfor %}
            else 'commercial'
        end as payer_program,

        -- flags
        activity.is_visit_procedure
    from activity
    left join activity_coverages
        on activity.activity_type = activity_coverages.activity_type
        and activity.source_id = activity_coverages.source_id
        and activity_coverages.coverage_sequence = 1
    left join insurance_plans
        on activity_coverages.insurance_plan_id = insurance_plans.insurance_plan_id
    left join filing_codes
        on insurance_plans.insurance_filing_code_id = filing_codes.insurance_filing_code_id
)

select * from final
