with

subscriptions as (
    select * from {{ ref('int_membership_subscriptions') }}
),

member_activity as (
    select * from {{ ref('int_membership_activity') }}
),

months as (
    select distinct month_start_date
    from {{ ref('dim_date') }}
    where month_start_date <= {{ as_of_date() }}
),

-- Each membership in each month it covers at least one day of.
member_months as (
    select
        months.month_start_date as report_month,
        subscriptions.discount_plan_id,
        subscriptions.discount_plan_name,
        subscriptions.patient_id,
        (cast({{ dbt.date_trunc('month', 'subscriptions.effective_date') }} as date) = months.month_start_date)
            as is_new,
        (
            subscriptions.term_date is not null
            and cast({{ dbt.date_trunc('month', 'subscriptions.covered_through_date') }} as date)
                = months.month_start_date
        ) as is_lapsed
    from subscriptions
    inner join months
        on months.month_start_date >= cast({{ dbt.date_trunc('month', 'subscriptions.effective_date') }} as date)
        and months.month_start_date <= subscriptions.covered_through_date
),

month_members as (
    select
        report_month,
        discount_plan_id,
        max(discount_plan_name) as discount_plan_name,
        cast(count(distinct patient_id) as bigint) as active_members,
        cast(count(distinct case when is_new then patient_id end) as bigint) as new_members,
        cast(count(distinct case when is_lapsed then patient_id end) as bigint) as lapsed_members
    from member_months
    group by report_month, discount_plan_id
),

month_amounts as (
    select
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as report_month,
        discount_plan_id,
        cast(count(distinct case when is_visit_procedure then patient_id end) as bigint) as members_seen,
        cast(sum(production_amount) as decimal(15, 2)) as production_amount,
        cast(sum(discount_amount) as decimal(15, 2)) as discount_amount,
        cast(sum(patient_income_amount) as decimal(15, 2)) as patient_income_amount
    from member_activity
    group by 1, discount_plan_id
),

final as (
    select
        -- grain
        month_members.report_month,
        month_members.discount_plan_id,

        -- attributes
        month_members.discount_plan_name,

        -- counts
        month_members.active_members,
        month_members.new_members,
        month_members.lapsed_members,
        cast(coalesce(month_amounts.members_seen, 0) as bigint) as members_seen,

        -- amounts
        cast(coalesce(month_amounts.production_amount, 0) as decimal(15, 2)) as production_amount,
        cast(coalesce(month_amounts.discount_amount, 0) as decimal(15, 2)) as discount_amount,
        cast(coalesce(month_amounts.production_amount, 0) - coalesce(month_amounts.discount_amount, 0) as decimal(15, 2))
            as net_production_amount,
        cast(coalesce(month_amounts.patient_income_amount, 0) as decimal(15, 2)) as patient_income_amount,

        -- rates
        {{ ratio('month_amounts.discount_amount', 'month_amounts.production_amount') }} as discount_rate
    from month_members
    left join month_amounts
        on month_members.report_month = month_amounts.report_month
        and month_members.discount_plan_id = month_amounts.discount_plan_id
)

select * from final
