{#- Ortho production adds up three ways: each case's months in int_ortho_production_monthly sum
    to the case's recognised and billed amounts in fact_ortho_case (recognised over treatment
    by the closed form, billed from its linked procedures), and mart_ortho_production's months
    sum to the cases' totals. One row per disagreement. -#}

with

case_months as (
    select * from {{ ref('int_ortho_production_monthly') }}
),

ortho_cases as (
    select * from {{ ref('fact_ortho_case') }}
),

ortho_production as (
    select * from {{ ref('mart_ortho_production') }}
),

months_by_case as (
    select
        ortho_case_id,
        sum(recognised_amount) as recognised_amount,
        sum(billed_amount) as billed_amount
    from case_months
    group by ortho_case_id
),

case_disagreements as (
    select
        'case' as level,
        ortho_cases.ortho_case_id,
        ortho_cases.recognised_to_date_amount as expected_recognised,
        coalesce(months_by_case.recognised_amount, 0) as actual_recognised,
        ortho_cases.billed_to_date_amount as expected_billed,
        coalesce(months_by_case.billed_amount, 0) as actual_billed
    from ortho_cases
    left join months_by_case
        on ortho_cases.ortho_case_id = months_by_case.ortho_case_id
    where abs(ortho_cases.recognised_to_date_amount - coalesce(months_by_case.recognised_amount, 0)) >= 0.01
       or abs(ortho_cases.billed_to_date_amount - coalesce(months_by_case.billed_amount, 0)) >= 0.01
),

totals as (
    select
        'practice' as level,
        cast(null as bigint) as ortho_case_id,
        (select coalesce(sum(recognised_to_date_amount), 0) from ortho_cases) as expected_recognised,
        (select coalesce(sum(recognised_production_amount), 0) from ortho_production) as actual_recognised,
        (select coalesce(sum(billed_to_date_amount), 0) from ortho_cases) as expected_billed,
        (select coalesce(sum(billed_production_amount), 0) from ortho_production) as actual_billed
),

final as (
    select * from case_disagreements
    union all
    select * from totals
    where abs(expected_recognised - actual_recognised) >= 0.01
       or abs(expected_billed - actual_billed) >= 0.01
)

select * from final
