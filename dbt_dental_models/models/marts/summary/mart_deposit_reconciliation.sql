with

payment_deposits as (
    select * from {{ ref('int_payment_deposits') }}
),

day_offices as (
    select
        payment_date as report_date,
        clinic_id,
        cast(count(*) as bigint) as payments_count,
        cast(sum(payment_amount) as decimal(15, 2)) as received_amount,
        cast(sum(case when deposit_status = 'deposited' then payment_amount else 0 end) as decimal(15, 2))
            as deposited_amount,
        cast(sum(case when deposit_status = 'deposited' and days_to_deposit = 0 then payment_amount else 0 end) as decimal(15, 2))
            as deposited_same_day_amount,
        cast(sum(case when deposit_status = 'kept_off_slip' then payment_amount else 0 end) as decimal(15, 2))
            as kept_off_slip_amount,
        cast(sum(case when deposit_status = 'undeposited' then payment_amount else 0 end) as decimal(15, 2))
            as undeposited_amount,
        cast(sum(case when deposit_status = 'undeposited' then 1 else 0 end) as bigint) as undeposited_count,
        cast(count(distinct deposit_id) as bigint) as deposits_count,
        cast(max(days_to_deposit) as integer) as max_days_to_deposit
    from payment_deposits
    where payment_date is not null
    group by payment_date, clinic_id
),

final as (
    select
        -- grain
        report_date,
        clinic_id,

        -- counts
        payments_count,
        undeposited_count,
        deposits_count,

        -- amounts
        received_amount,
        deposited_amount,
        deposited_same_day_amount,
        kept_off_slip_amount,
        undeposited_amount,

        -- days
        max_days_to_deposit,
        cast({{ dbt.datediff('report_date', as_of_date(), 'day') }} as integer) as days_since_report_date,

        -- flags
        (undeposited_count = 0) as is_closed_out
    from day_offices
)

select * from final
