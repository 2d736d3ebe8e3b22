{#- The benefit values a coverage carries; a plan's are those most of its coverages carry. -#}
{%- set benefit_columns = [
    'annual_maximum_amount',
    'benefit_year_type',
    'deductible_amount',
    'diagnostic_coverage_percent_min',
    'diagnostic_coverage_percent_max',
    'preventive_coverage_percent_min',
    'preventive_coverage_percent_max',
    'restorative_coverage_percent_min',
    'restorative_coverage_percent_max',
] -%}

with

coverages as (
    select * from {{ ref('int_insurance_coverage') }}
),

-- Plan attributes (carrier, employer, group, plan type, renewal month, medical flag) come from
-- the plan's one insplan row, so they are the same on every coverage of the plan; max() picks them.
plan_coverage_counts as (
    select
        insurance_plan_id,
        max(carrier_id) as carrier_id,
        max(carrier_name) as carrier_name,
        max(employer_id) as employer_id,
        max(employer_name) as employer_name,
        max(group_name) as group_name,
        max(group_number) as group_number,
        max(plan_type_code) as plan_type_code,
        max(plan_type) as plan_type,
        max(renewal_month) as renewal_month,
        bool_or(is_medical) as is_medical,
        cast(count(*) as bigint) as coverage_count,
        cast(count(distinct patient_id) as bigint) as covered_patient_count,
        cast(count(distinct case when is_active then patient_id end) as bigint) as active_covered_patient_count,
        cast(count(distinct subscriber_patient_id) as bigint) as subscriber_count,
        cast(sum(case when is_primary then 1 else 0 end) as bigint) as primary_coverage_count,
        min(effective_date) as first_effective_date
    from coverages
    group by insurance_plan_id
),

-- Benefit amounts are per coverage: a rule entered for one patient's coverage overrides the
-- plan's. The plan's values are those of its most common benefit profile (the set of values
-- below); a tie goes to the profile with the lower annual maximum, then deductible.
benefit_profiles as (
    select
        insurance_plan_id,
        {%- for column in benefit_columns %}
        {{ column }},
        {%- endfor %}
        count(*) as profile_coverage_count
    from coverages
    group by
        insurance_plan_id,
        {%- for column in benefit_columns %}
        {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
),

ranked_benefit_profiles as (
    select
        benefit_profiles.*,
        count(*) over (partition by insurance_plan_id) as plan_profile_count,
        row_number() over (
            partition by insurance_plan_id
            order by
                profile_coverage_count desc,
                {%- for column in benefit_columns %}
                {{ column }} nulls last{{ ',' if not loop.last }}
                {%- endfor %}
        ) as profile_rank
    from benefit_profiles
),

plan_benefits as (
    select *
    from ranked_benefit_profiles
    where profile_rank = 1
),

final as (
    select
        -- ids
        plan_coverage_counts.insurance_plan_id,
        plan_coverage_counts.carrier_id,
        plan_coverage_counts.employer_id,

        -- dates
        plan_coverage_counts.first_effective_date,

        -- attributes
        plan_coverage_counts.carrier_name,
        plan_coverage_counts.employer_name,
        plan_coverage_counts.group_name,
        plan_coverage_counts.group_number,
        plan_coverage_counts.plan_type_code,
        plan_coverage_counts.plan_type,
        cast(plan_coverage_counts.renewal_month as integer) as renewal_month,
        plan_benefits.benefit_year_type,
        cast(plan_benefits.diagnostic_coverage_percent_min as integer) as diagnostic_coverage_percent_min,
        cast(plan_benefits.diagnostic_coverage_percent_max as integer) as diagnostic_coverage_percent_max,
        cast(plan_benefits.preventive_coverage_percent_min as integer) as preventive_coverage_percent_min,
        cast(plan_benefits.preventive_coverage_percent_max as integer) as preventive_coverage_percent_max,
        cast(plan_benefits.restorative_coverage_percent_min as integer) as restorative_coverage_percent_min,
        cast(plan_benefits.restorative_coverage_percent_max as integer) as restorative_coverage_percent_max,
        plan_coverage_counts.coverage_count,
        plan_coverage_counts.covered_patient_count,
        plan_coverage_counts.active_covered_patient_count,
        plan_coverage_counts.subscriber_count,
        plan_coverage_counts.primary_coverage_count,
        cast(plan_benefits.plan_profile_count as bigint) as benefit_profile_count,

        -- amounts
        cast(plan_benefits.annual_maximum_amount as decimal(15, 2)) as annual_maximum_amount,
        cast(plan_benefits.deductible_amount as decimal(15, 2)) as deductible_amount,

        -- flags
        plan_coverage_counts.is_medical,
        (plan_coverage_counts.active_covered_patient_count > 0) as is_active,
        (plan_benefits.plan_profile_count > 1) as has_patient_specific_benefits
    from plan_coverage_counts
    inner join plan_benefits
        on plan_coverage_counts.insurance_plan_id = plan_benefits.insurance_plan_id
)

select * from final
