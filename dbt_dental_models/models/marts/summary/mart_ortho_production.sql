with

case_months as (
    select * from {{ ref('int_ortho_production_monthly') }}
),

ortho_cases as (
    select * from {{ ref('int_ortho_cases') }}
),

-- A case is in treatment at a month's end when it is banded and not debonded by then.
month_ends as (
    select
        case_months.ortho_case_id,
        case_months.month_start_date,
        ortho_cases.debond_date is null
            or ortho_cases.debond_date > cast(
                {{ dbt.dateadd('day', '-1', dbt.dateadd('month', '1', 'case_months.month_start_date')) }}
                as date
            ) as is_open_at_month_end
    from case_months
    inner join ortho_cases
        on case_months.ortho_case_id = ortho_cases.ortho_case_id
),

by_month as (
    select
        case_months.month_start_date,
        case_months.clinic_id,
        case_months.provider_id,
        sum(case_months.recognised_amount) as recognised_production_amount,
        sum(case_months.billed_amount) as billed_production_amount,
        sum(case_months.banding_count) as cases_banded_count,
        sum(case_months.debond_count) as cases_debonded_count,
        sum(case_months.visit_count) as ortho_visit_count,
        sum(case when month_ends.is_open_at_month_end then 1 else 0 end) as cases_in_treatment_count
    from case_months
    inner join month_ends
        on case_months.ortho_case_id = month_ends.ortho_case_id
        and case_months.month_start_date = month_ends.month_start_date
    group by case_months.month_start_date, case_months.clinic_id, case_months.provider_id
),

final as (
    select
        -- grain
        cast(month_start_date as date) as month_start_date,
        cast(clinic_id as bigint) as clinic_id,
        cast(provider_id as bigint) as provider_id,

        -- production
        cast(recognised_production_amount as decimal(15, 2)) as recognised_production_amount,
        cast(billed_production_amount as decimal(15, 2)) as billed_production_amount,
        cast(billed_production_amount - recognised_production_amount as decimal(15, 2))
            as billed_less_recognised_amount,

        -- cases
        cast(cases_banded_count as bigint) as cases_banded_count,
        cast(cases_debonded_count as bigint) as cases_debonded_count,
        cast(cases_in_treatment_count as bigint) as cases_in_treatment_count,
        cast(ortho_visit_count as bigint) as ortho_visit_count
    from by_month
)

select * from final
