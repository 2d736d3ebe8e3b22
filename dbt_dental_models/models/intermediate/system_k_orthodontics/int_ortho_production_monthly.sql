{#- Up to 120 months from banding: a case recognises its fee within its expected months (or at
    an earlier debond); the reconciliation test assert_ortho_production_reconciles fails if a
    case needs more. -#}
{%- set max_months = 120 -%}

with

ortho_cases as (
    select * from {{ ref('int_ortho_cases') }}
),

procedure_links as (
    select * from {{ ref('stg_opendental__orthoproclink') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

month_offsets as (
    select cast(generated_number - 1 as integer) as month_offset
    from ({{ dbt.generate_series(max_months) }}) as numbers
),

-- The months a case is open: from its banding month to its debond month or the as-of month.
case_months as (
    select
        ortho_cases.ortho_case_id,
        ortho_cases.clinic_id,
        ortho_cases.provider_id,
        month_offsets.month_offset,
        cast({{ dbt.dateadd('month', 'month_offsets.month_offset', dbt.date_trunc('month', 'ortho_cases.banding_date')) }} as date)
            as month_start_date,
        ortho_cases.contract_fee_amount,
        ortho_cases.expected_treatment_months,
        ortho_cases.monthly_recognised_amount,
        ortho_cases.debond_date
    from ortho_cases
    inner join month_offsets
        on month_offsets.month_offset < ortho_cases.months_since_banding
        and (
            ortho_cases.debond_date is null
            or month_offsets.month_offset
                <= cast({{ dbt.datediff('ortho_cases.banding_date', 'ortho_cases.debond_date', 'month') }} as integer)
        )
),

-- One part a month until the expected months are through; the last part, or the debond
-- month's, is what is left of the fee.
recognised_months as (
    select
        case_months.*,
        case
            when case_months.month_offset >= case_months.expected_treatment_months then 0
            when case_months.month_offset = case_months.expected_treatment_months - 1
                or (
                    case_months.debond_date is not null
                    and case_months.month_start_date = cast({{ dbt.date_trunc('month', 'case_months.debond_date') }} as date)
                )
                then case_months.contract_fee_amount
                    - case_months.month_offset * case_months.monthly_recognised_amount
            else case_months.monthly_recognised_amount
        end as recognised_amount
    from case_months
),

billed_months as (
    select
        procedure_links.ortho_case_id,
        cast({{ dbt.date_trunc('month', 'procedures.procedure_date') }} as date) as month_start_date,
        sum(procedures.procedure_fee * (procedures.unit_quantity + procedures.base_units)) as billed_amount,
        count(case when procedure_links.procedure_link_type_code = 0 then 1 end) as banding_count,
        count(case when procedure_links.procedure_link_type_code = 2 then 1 end) as visit_count,
        count(case when procedure_links.procedure_link_type_code = 1 then 1 end) as debond_count
    from procedure_links
    inner join procedures
        on procedure_links.procedure_id = procedures.procedure_id
    where procedures.procedure_status_code = 2
      and procedures.procedure_date <= {{ as_of_date() }}
    group by
        procedure_links.ortho_case_id,
        cast({{ dbt.date_trunc('month', 'procedures.procedure_date') }} as date)
),

final as (
    select
        -- grain
        recognised_months.ortho_case_id,
        recognised_months.month_start_date,

        -- ids
        recognised_months.clinic_id,
        recognised_months.provider_id,

        -- amounts
        cast(recognised_months.recognised_amount as decimal(15, 2)) as recognised_amount,
        cast(coalesce(billed_months.billed_amount, 0) as decimal(15, 2)) as billed_amount,

        -- counts
        cast(coalesce(billed_months.banding_count, 0) as bigint) as banding_count,
        cast(coalesce(billed_months.visit_count, 0) as bigint) as visit_count,
        cast(coalesce(billed_months.debond_count, 0) as bigint) as debond_count
    from recognised_months
    left join billed_months
        on recognised_months.ortho_case_id = billed_months.ortho_case_id
        and recognised_months.month_start_date = billed_months.month_start_date
)

select * from final
