with

procedures as (
    select * from {{ ref('int_procedure_lab_cost') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

provider_code_months as (
    select
        procedures.provider_id,
        procedure_catalog.procedure_code,
        procedure_catalog.cdt_category,
        cast({{ dbt.date_trunc('month', 'procedures.procedure_date') }} as date) as production_month,
        count(*) as procedure_count,
        sum(case when procedures.has_lab_case then 1 else 0 end) as lab_procedure_count,
        sum(procedures.production_amount) as production_amount,
        sum(procedures.lab_fee_amount) as lab_fee_amount
    from procedures
    left join procedure_catalog
        on procedures.procedure_code_id = procedure_catalog.procedure_code_id
    where procedures.procedure_date <= {{ as_of_date() }}
    group by
        procedures.provider_id,
        procedure_catalog.procedure_code,
        procedure_catalog.cdt_category,
        cast({{ dbt.date_trunc('month', 'procedures.procedure_date') }} as date)
),

final as (
    select
        -- grain
        provider_id,
        procedure_code,
        production_month,

        -- attributes
        cdt_category,

        -- counts
        cast(procedure_count as bigint) as procedure_count,
        cast(lab_procedure_count as bigint) as lab_procedure_count,

        -- amounts
        cast(production_amount as decimal(15, 2)) as production_amount,
        cast(lab_fee_amount as decimal(15, 2)) as lab_fee_amount,
        cast(production_amount - lab_fee_amount as decimal(15, 2)) as production_net_of_lab_amount,

        -- rates
        {{ ratio('lab_fee_amount', 'production_amount') }} as lab_cost_share
    from provider_code_months
)

select * from final
