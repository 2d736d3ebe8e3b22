{{ config(indexes=api_date_index('snapshot_date')) }}

with ar_analysis as (
    select * from {{ ref('int_ar_analysis') }}
),

ar_balances as (
    select * from {{ ref('int_ar_balance') }}
),

family_aging as (
    select * from {{ ref('int_ar_shared_calculations') }}
),

family_payments as (
    select * from {{ ref('int_family_payments') }}
),

patient_profiles as (
    select * from {{ ref('int_patient_profile') }}
),

-- As of as_of_date: the family's balance and aging (int_ar_balance) with its pending insurance,
-- last payment and collection priority as int_ar_analysis computes them.
as_of_rows as (
    select
        ar_analysis.guarantor_id,
        ar_analysis.as_of_date as snapshot_date,
        true as is_as_of_date,
        -- as_of_date is also a month-end when the next day is the first of a month
        cast(extract(day from ar_analysis.as_of_date + 1) as integer) = 1 as is_month_end,
        ar_analysis.last_transaction_date,
        ar_balances.total_charges,
        ar_balances.total_credits,
        ar_balances.balance,
        ar_balances.balance_0_30,
        ar_balances.balance_31_60,
        ar_balances.balance_61_90,
        ar_balances.balance_over_90,
        ar_balances.credit_balance,
        ar_analysis.pending_insurance_amount,
        ar_analysis.patient_portion_amount,
        ar_analysis.last_payment_date,
        ar_analysis.last_payment_amount,
        ar_analysis.days_since_last_payment,
        ar_analysis.collection_priority
    from ar_analysis
    inner join ar_balances
        on ar_analysis.guarantor_id = ar_balances.guarantor_id
),

month_end_aging as (
    select *
    from family_aging
    where is_month_end
        and not is_as_of_date
),

-- What each family paid per day (its payments, each netting to more than 0), with the day of
-- its next payment: a month-end's last payment is the day whose span covers the month-end.
family_payment_days as (
    select
        guarantor_id,
        payment_date,
        sum(payment_amount) as paid_amount,
        lead(payment_date) over (partition by guarantor_id order by payment_date) as next_payment_date
    from family_payments
    group by guarantor_id, payment_date
),

month_end_with_last_payment as (
    select
        month_end_aging.*,
        family_payment_days.payment_date as last_payment_date,
        family_payment_days.paid_amount as last_payment_amount,
        {{ dbt.datediff('family_payment_days.payment_date', 'month_end_aging.snapshot_date', 'day') }}
            as days_since_last_payment
    from month_end_aging
    left join family_payment_days
        on month_end_aging.guarantor_id = family_payment_days.guarantor_id
        and family_payment_days.payment_date <= month_end_aging.snapshot_date
        and (
            family_payment_days.next_payment_date is null
            or family_payment_days.next_payment_date > month_end_aging.snapshot_date
        )
),

-- Pending insurance (and so the patient portion) is known only as the claims stand now, so
-- month-end rows carry null for both.
month_end_rows as (
    select
        guarantor_id,
        snapshot_date,
        false as is_as_of_date,
        true as is_month_end,
        last_transaction_date,
        total_charges,
        total_credits,
        balance,
        balance_0_30,
        balance_31_60,
        balance_61_90,
        balance_over_90,
        credit_balance,
        cast(null as decimal(15, 2)) as pending_insurance_amount,
        cast(null as decimal(15, 2)) as patient_portion_amount,
        last_payment_date,
        last_payment_amount,
        days_since_last_payment,
        {{ ar_collection_priority('balance', 'balance_61_90', 'balance_over_90', 'days_since_last_payment') }}
            as collection_priority
    from month_end_with_last_payment
),

snapshots as (
    select * from as_of_rows
    union all
    select * from month_end_rows
),

family_sizes as (
    select
        guarantor_id,
        family_patient_count
    from ar_analysis
),

-- A/R belongs to the guarantor's clinic (DESIGN.md, as OpenDental's aging report by clinic): the
-- guarantor's own patient.ClinicNum, null when it is 0 (no clinic), as staging reads it.
guarantor_clinics as (
    select
        patient_id as guarantor_id,
        clinic_id
    from patient_profiles
),

final as (
    select
        -- ids
        snapshots.guarantor_id,
        guarantor_clinics.clinic_id,

        -- dates
        snapshots.snapshot_date,
        snapshots.last_transaction_date,
        snapshots.last_payment_date,

        -- amounts
        cast(snapshots.total_charges as decimal(15, 2)) as total_charges,
        cast(snapshots.total_credits as decimal(15, 2)) as total_credits,
        cast(snapshots.balance as decimal(15, 2)) as balance,
        cast(snapshots.balance_0_30 as decimal(15, 2)) as balance_0_30,
        cast(snapshots.balance_31_60 as decimal(15, 2)) as balance_31_60,
        cast(snapshots.balance_61_90 as decimal(15, 2)) as balance_61_90,
        cast(snapshots.balance_over_90 as decimal(15, 2)) as balance_over_90,
        cast(snapshots.credit_balance as decimal(15, 2)) as credit_balance,
        cast(snapshots.pending_insurance_amount as decimal(15, 2)) as pending_insurance_amount,
        cast(snapshots.patient_portion_amount as decimal(15, 2)) as patient_portion_amount,
        cast(snapshots.last_payment_amount as decimal(15, 2)) as last_payment_amount,

        -- attributes
        cast(snapshots.days_since_last_payment as bigint) as days_since_last_payment,
        cast(family_sizes.family_patient_count as bigint) as family_patient_count,
        snapshots.collection_priority,

        -- flags
        snapshots.is_as_of_date,
        snapshots.is_month_end
    from snapshots
    left join family_sizes
        on snapshots.guarantor_id = family_sizes.guarantor_id
    left join guarantor_clinics
        on snapshots.guarantor_id = guarantor_clinics.guarantor_id
)

select * from final
