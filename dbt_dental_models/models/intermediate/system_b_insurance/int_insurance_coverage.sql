{#- The CDT categories (seed cdt_code_categories) whose coinsurance the generated plans hold. -#}
{%- set coverage_categories = ['diagnostic', 'preventive', 'restorative'] -%}

with patient_plans as (
    select * from {{ ref('stg_opendental__patplan') }}
),

subscribers as (
    select * from {{ ref('stg_opendental__inssub') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

carriers as (
    select * from {{ ref('stg_opendental__carrier') }}
),

employers as (
    select * from {{ ref('stg_opendental__employer') }}
),

benefits as (
    select * from {{ ref('stg_opendental__benefit') }}
),

procedure_codes as (
    select * from {{ ref('stg_opendental__procedurecode') }}
),

code_categories as (
    select * from {{ ref('cdt_code_categories') }}
),

coverages as (
    select
        patient_plans.*,
        subscribers.insurance_plan_id,
        subscribers.subscriber_patient_id,
        subscribers.effective_date,
        subscribers.termination_date
    from patient_plans
    left join subscribers
        on patient_plans.insurance_subscriber_id = subscribers.insurance_subscriber_id
),

-- a coverage's benefit rules: the plan's, and the ones entered for this patient alone, which
-- take precedence over the plan's (precedence 0 before 1)
coverage_benefits as (
    select
        coverages.patient_plan_id,
        benefits.benefit_id,
        benefits.benefit_type,
        benefits.time_period,
        benefits.coverage_level,
        benefits.quantity_qualifier,
        benefits.coverage_category_id,
        benefits.procedure_code_id,
        benefits.code_group_id,
        benefits.benefit_amount,
        benefits.coinsurance_percent,
        1 as precedence
    from coverages
    inner join benefits
        on coverages.insurance_plan_id = benefits.insurance_plan_id
    where benefits.patient_plan_id is null

    union all

    select
        benefits.patient_plan_id,
        benefits.benefit_id,
        benefits.benefit_type,
        benefits.time_period,
        benefits.coverage_level,
        benefits.quantity_qualifier,
        benefits.coverage_category_id,
        benefits.procedure_code_id,
        benefits.code_group_id,
        benefits.benefit_amount,
        benefits.coinsurance_percent,
        0 as precedence
    from benefits
    where benefits.patient_plan_id is not null
),

-- general rules (no category, code or code group, no quantity): the individual annual maximum
-- (a limitation per benefit year) and the individual deductible
general_amounts as (
    select
        patient_plan_id,
        case
            when benefit_type = 'limitations' and time_period in ('calendar_year', 'service_year') then 'annual_maximum'
            when benefit_type = 'deductible' then 'deductible'
        end as amount_kind,
        benefit_amount,
        time_period,
        row_number() over (
            partition by
                patient_plan_id,
                case
                    when benefit_type = 'limitations' and time_period in ('calendar_year', 'service_year') then 'annual_maximum'
                    when benefit_type = 'deductible' then 'deductible'
                end
            order by precedence, benefit_id
        ) as rule_rank
    from coverage_benefits
    where benefit_type in ('limitations', 'deductible')
      and coverage_level = 'individual'
      and coverage_category_id is null
      and procedure_code_id is null
      and code_group_id is null
      and quantity_qualifier = 'none'
      and benefit_amount <> -1
),

benefit_summary as (
    select
        patient_plan_id,
        max(case when amount_kind = 'annual_maximum' then benefit_amount end) as annual_maximum_amount,
        max(case when amount_kind = 'annual_maximum' then time_period end) as benefit_year_type,
        max(case when amount_kind = 'deductible' then benefit_amount end) as deductible_amount
    from general_amounts
    where rule_rank = 1
      and amount_kind is not null
    group by patient_plan_id
),

-- coinsurance percentages, one per procedure code (the patient's own rule before the plan's)
coinsurance_rules as (
    select
        patient_plan_id,
        procedure_code_id,
        coinsurance_percent,
        row_number() over (
            partition by patient_plan_id, procedure_code_id
            order by precedence, benefit_id
        ) as rule_rank
    from coverage_benefits
    where benefit_type = 'co_insurance'
      and procedure_code_id is not null
      and coinsurance_percent <> -1
),

coinsurance_by_category as (
    select
        coinsurance_rules.patient_plan_id,
        {%- for category in coverage_categories %}
        min(case when code_categories.category = '{{ category }}' then coinsurance_rules.coinsurance_percent end) as {{ category }}_coverage_percent_min,
        max(case when code_categories.category = '{{ category }}' then coinsurance_rules.coinsurance_percent end) as {{ category }}_coverage_percent_max,
        {%- endfor %}
        count(*) as coinsurance_rule_count
    from coinsurance_rules
    inner join procedure_codes
        on coinsurance_rules.procedure_code_id = procedure_codes.procedure_code_id
    left join code_categories
        on procedure_codes.procedure_code between code_categories.range_start and code_categories.range_end
    where coinsurance_rules.rule_rank = 1
    group by coinsurance_rules.patient_plan_id
),

final as (
    select
        -- ids
        coverages.patient_plan_id,
        coverages.patient_id,
        coverages.insurance_subscriber_id,
        coverages.subscriber_patient_id,
        coverages.insurance_plan_id,
        insurance_plans.carrier_id,
        insurance_plans.employer_id,

        -- dates
        coverages.effective_date,
        coverages.termination_date,

        -- attributes
        carriers.carrier_name,
        employers.employer_name,
        insurance_plans.group_name,
        insurance_plans.group_number,
        insurance_plans.renewal_month,
        coverages.coverage_ordinal,
        case coverages.coverage_ordinal
            when 1 then 'primary'
            when 2 then 'secondary'
            when 3 then 'tertiary'
            else 'other'
        end as coverage_priority,

        -- benefits
        cast(benefit_summary.annual_maximum_amount as decimal(15, 2)) as annual_maximum_amount,
        benefit_summary.benefit_year_type,
        cast(benefit_summary.deductible_amount as decimal(15, 2)) as deductible_amount,
        {%- for category in coverage_categories %}
        coinsurance_by_category.{{ category }}_coverage_percent_min,
        coinsurance_by_category.{{ category }}_coverage_percent_max,
        {%- endfor %}
        coalesce(coinsurance_by_category.coinsurance_rule_count, 0) as coinsurance_rule_count,

        -- flags
        (coverages.coverage_ordinal = 1) as is_primary,
        (coverages.patient_id = coverages.subscriber_patient_id) as is_subscriber,
        (
            (coverages.effective_date is null or coverages.effective_date <= {{ as_of_date() }})
            and (coverages.termination_date is null or coverages.termination_date >= {{ as_of_date() }})
        ) as is_active,
        coverages.is_pending,
        insurance_plans.is_medical,

        -- codes
        coverages.relationship_code,
        coverages.relationship,
        insurance_plans.plan_type_code,
        insurance_plans.plan_type
    from coverages
    left join insurance_plans
        on coverages.insurance_plan_id = insurance_plans.insurance_plan_id
    left join carriers
        on insurance_plans.carrier_id = carriers.carrier_id
    left join employers
        on insurance_plans.employer_id = employers.employer_id
    left join benefit_summary
        on coverages.patient_plan_id = benefit_summary.patient_plan_id
    left join coinsurance_by_category
        on coverages.patient_plan_id = coinsurance_by_category.patient_plan_id
)

select * from final
