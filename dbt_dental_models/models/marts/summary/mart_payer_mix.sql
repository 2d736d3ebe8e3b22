{%- set payer_classes = var('payer_class_by_plan_type') -%}

with

-- Every amount the mix reports, one row per source row, dated the way OpenDental's reports date
-- it (DESIGN.md), with the patient's primary coverage in effect that day: the same rows
-- mart_payer_program_mix splits by filing code.
activity as (
    select * from {{ ref('int_payer_activity') }}
),

classified_activity as (
    select
        activity.*,
        cast({{ dbt.date_trunc('month', 'activity.activity_date') }} as date) as report_month,
        case
            when activity.insurance_plan_id is null then 'self_pay'
            {%- for plan_type, payer_class in payer_classes.items() %}
            when activity.plan_type = '{{ plan_type }}' then '{{ payer_class }}'
            {%- endfor %}
            else 'other_insurance'
        end as payer_class
    from activity
),

month_payer_classes as (
    select
        report_month,
        payer_class,
        cast(count(distinct case when is_visit_procedure then patient_id end) as bigint) as patients_seen,
        cast(sum(production_amount) as decimal(15, 2)) as production_amount,
        cast(sum(patient_income_amount) as decimal(15, 2)) as patient_income_amount,
        cast(sum(insurance_income_amount) as decimal(15, 2)) as insurance_income_amount,
        cast(sum(write_off_amount) as decimal(15, 2)) as write_off_amount
    from classified_activity
    group by report_month, payer_class
),

final as (
    select
        -- grain
        report_month,
        payer_class,

        -- counts
        patients_seen,

        -- amounts
        production_amount,
        patient_income_amount,
        insurance_income_amount,
        cast(patient_income_amount + insurance_income_amount as decimal(15, 2)) as collections_amount,
        write_off_amount,

        -- rates
        {{ ratio('production_amount', 'sum(production_amount) over (partition by report_month)') }}
            as share_of_production
    from month_payer_classes
)

select * from final
