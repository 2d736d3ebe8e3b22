{#- Each month's production summed over the payer classes equals the month's production in
    int_procedure_complete: no completed procedure lost or counted in two classes. Returns each
    month where the two differ, or that only one side has. -#}
with

mix_months as (
    select
        report_month,
        sum(production_amount) as production_amount
    from {{ ref('mart_payer_mix') }}
    group by report_month
),

procedure_months as (
    select
        cast({{ dbt.date_trunc('month', 'procedure_date') }} as date) as report_month,
        sum(production_amount) as production_amount
    from {{ ref('int_procedure_complete') }}
    group by 1
),

final as (
    select
        coalesce(mix_months.report_month, procedure_months.report_month) as report_month,
        coalesce(mix_months.production_amount, 0) as mix_production_amount,
        coalesce(procedure_months.production_amount, 0) as procedure_production_amount
    from mix_months
    full outer join procedure_months
        on mix_months.report_month = procedure_months.report_month
)

select *
from final
where mix_production_amount <> procedure_production_amount
