with

subscriptions as (
    select * from {{ ref('stg_opendental__discountplansub') }}
),

discount_plans as (
    select * from {{ ref('stg_opendental__discountplan') }}
),

final as (
    select
        -- grain
        subscriptions.discount_plan_subscription_id,

        -- ids
        subscriptions.discount_plan_id,
        subscriptions.patient_id,
        discount_plans.fee_schedule_id,
        discount_plans.adjustment_type_definition_id,

        -- dates
        subscriptions.effective_date,
        subscriptions.term_date,
        -- the last day covered: the day before the term date, or the as-of date while it runs
        case
            when subscriptions.term_date is null then {{ as_of_date() }}
            else cast({{ dbt.dateadd('day', -1, 'subscriptions.term_date') }} as date)
        end as covered_through_date,

        -- attributes
        discount_plans.discount_plan_name,

        -- flags
        (
            subscriptions.effective_date <= {{ as_of_date() }}
            and (subscriptions.term_date is null or subscriptions.term_date > {{ as_of_date() }})
        ) as is_active
    from subscriptions
    left join discount_plans
        on subscriptions.discount_plan_id = discount_plans.discount_plan_id
)

select * from final
