with

payment_deposits as (
    select * from {{ ref('int_payment_deposits') }}
),

deposits as (
    select * from {{ ref('int_deposit_reconciliation') }}
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

-- The deposits made each day at each office, and what of them no payment explains.
deposit_days as (
    select
        deposit_date as report_date,
        clinic_id,
        cast(count(*) as bigint) as deposits_made_count,
        cast(sum(deposit_amount) as decimal(15, 2)) as deposits_made_amount,
        cast(sum(unexplained_amount) as decimal(15, 2)) as unexplained_deposit_amount
    from deposits
    group by deposit_date, clinic_id
),

days as (
    select
        coalesce(day_offices.report_date, deposit_days.report_date) as report_date,
        coalesce(day_offices.clinic_id, deposit_days.clinic_id) as clinic_id,
        day_offices.payments_count,
        day_offices.undeposited_count,
        day_offices.deposits_count,
        day_offices.received_amount,
        day_offices.deposited_amount,
        day_offices.deposited_same_day_amount,
        day_offices.kept_off_slip_amount,
        day_offices.undeposited_amount,
        day_offices.max_days_to_deposit,
        deposit_days.deposits_made_count,
        deposit_days.deposits_made_amount,
        deposit_days.unexplained_deposit_amount
    from day_offices
    full outer join deposit_days
        on day_offices.report_date = deposit_days.report_date
        and day_offices.clinic_id = deposit_days.clinic_id
),

final as (
    select
        -- grain
        report_date,
        clinic_id,

        -- counts
        coalesce(payments_count, 0) as payments_count,
        coalesce(undeposited_count, 0) as undeposited_count,
        coalesce(deposits_count, 0) as deposits_count,
        coalesce(deposits_made_count, 0) as deposits_made_count,

        -- amounts
        cast(coalesce(received_amount, 0) as decimal(15, 2)) as received_amount,
        cast(coalesce(deposited_amount, 0) as decimal(15, 2)) as deposited_amount,
        cast(coalesce(deposited_same_day_amount, 0) as decimal(15, 2)) as deposited_same_day_amount,
        cast(coalesce(kept_off_slip_amount, 0) as decimal(15, 2)) as kept_off_slip_amount,
        cast(coalesce(undeposited_amount, 0) as decimal(15, 2)) as undeposited_amount,
        cast(coalesce(deposits_made_amount, 0) as decimal(15, 2)) as deposits_made_amount,
        cast(coalesce(unexplained_deposit_amount, 0) as decimal(15, 2)) as unexplained_deposit_amount,

        -- days
        max_days_to_deposit,
        cast({{ dbt.datediff('report_date', as_of_date(), 'day') }} as integer) as days_since_report_date,

        -- flags
        (coalesce(undeposited_count, 0) = 0) as is_closed_out
    from days
)

select * from final
