with

payer_activity as (
    select * from {{ ref('int_payer_activity') }}
),

month_programs as (
    select
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as report_month,
        payer_program,
        cast(count(distinct case when is_visit_procedure then patient_id end) as bigint) as patients_seen,
        cast(count(distinct insurance_plan_id) as bigint) as plans_count,
        cast(sum(production_amount) as decimal(15, 2)) as production_amount,
        cast(sum(patient_income_amount) as decimal(15, 2)) as patient_income_amount,
        cast(sum(insurance_income_amount) as decimal(15, 2)) as insurance_income_amount,
        cast(sum(write_off_amount) as decimal(15, 2)) as write_off_amount
    from payer_activity
    where activity_date is not null
    group by 1, payer_program
),

final as (
    select
        -- grain
        report_month,
        payer_program,

        -- counts
        patients_seen,
        plans_count,

        -- amounts
        production_amount,
        patient_income_amount,
        insurance_income_amount,
        cast(patient_income_amount + insurance_income_amount as decimal(15, 2)) as collections_amount,
        write_off_amount,

        -- rates
        {{ ratio('production_amount', 'sum(production_amount) over (partition by report_month)') }}
            as share_of_production,

        -- flags
        (payer_program not in ('self_pay', 'commercial')) as is_government
    from month_programs
)

select * from final
