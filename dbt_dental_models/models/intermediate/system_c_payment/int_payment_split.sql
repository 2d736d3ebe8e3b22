{{ config(materialized='table') }}

with splits as (
    select * from {{ ref('stg_opendental__paysplit') }}
),

payments as (
    select * from {{ ref('stg_opendental__payment') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

splits_with_payment_totals as (
    select
        splits.*,
        sum(splits.split_amount) over (partition by splits.payment_id) as payment_split_total,
        count(*) over (partition by splits.payment_id) as payment_split_count,
        row_number() over (
            partition by splits.payment_id
            order by splits.payment_split_id
        ) as split_sequence,
        sum(splits.split_amount) over (
            partition by splits.payment_id
            order by splits.payment_split_id
            rows between unbounded preceding and current row
        ) as running_amount
    from splits
),

final as (
    select
        -- ids
        s.payment_split_id,
        s.payment_id,
        s.patient_id,
        patients.guarantor_id,
        s.provider_id,
        s.clinic_id,
        s.procedure_id,
        s.adjustment_id,
        s.payment_plan_id,
        s.payment_plan_charge_id,
        s.unearned_type_definition_id,

        -- dates
        s.payment_date,

        -- amounts
        s.split_amount,
        cast(s.payment_split_total as decimal(15, 2)) as payment_split_total_amount,
        payments.payment_amount,
        cast(s.running_amount as decimal(15, 2)) as payment_running_amount,
        -- A payment whose splits net to zero gives each split an equal share, so the shares of
        -- every payment still sum to 1.
        case
            when s.payment_split_total = 0
                then 1.0 / cast(s.payment_split_count as {{ type_double() }})
            else cast(s.split_amount as {{ type_double() }})
                / cast(s.payment_split_total as {{ type_double() }})
        end as split_share_of_payment,

        -- attributes
        s.split_sequence,
        s.payment_split_count,

        -- flags
        s.is_discount,
        (s.unearned_type_definition_id is not null) as is_unearned,
        (s.payment_plan_id is not null) as is_payment_plan
    from splits_with_payment_totals as s
    left join payments
        on s.payment_id = payments.payment_id
    left join patients
        on s.patient_id = patients.patient_id
)

select * from final
