with

deposits as (
    select * from {{ ref('stg_opendental__deposit') }}
),

payment_deposits as (
    select * from {{ ref('int_payment_deposits') }}
),

-- What each deposit holds, from the payments and checks that point at it.
deposit_contents as (
    select
        deposit_id,
        cast(count(*) as bigint) as items_count,
        cast(sum(case when payment_source = 'patient_payment' then payment_amount else 0 end) as decimal(15, 2))
            as patient_payment_amount,
        cast(sum(case when payment_source = 'insurance_check' then payment_amount else 0 end) as decimal(15, 2))
            as insurance_check_amount,
        min(payment_date) as earliest_payment_date,
        max(payment_date) as latest_payment_date,
        min(clinic_id) as min_clinic_id,
        max(clinic_id) as max_clinic_id
    from payment_deposits
    where deposit_id is not null
    group by deposit_id
),

final as (
    select
        -- grain
        deposits.deposit_id,

        -- ids
        -- the office of the payments on it (a deposit has no clinic of its own); null when mixed
        case
            when deposit_contents.min_clinic_id = deposit_contents.max_clinic_id
                then deposit_contents.min_clinic_id
        end as clinic_id,

        -- dates
        deposits.deposit_date,
        deposit_contents.earliest_payment_date,
        deposit_contents.latest_payment_date,

        -- counts
        coalesce(deposit_contents.items_count, 0) as items_count,

        -- amounts
        deposits.deposit_amount,
        cast(coalesce(deposit_contents.patient_payment_amount, 0) as decimal(15, 2)) as patient_payment_amount,
        cast(coalesce(deposit_contents.insurance_check_amount, 0) as decimal(15, 2)) as insurance_check_amount,
        cast(
            deposits.deposit_amount
            - coalesce(deposit_contents.patient_payment_amount, 0)
            - coalesce(deposit_contents.insurance_check_amount, 0)
            as decimal(15, 2)
        ) as unexplained_amount,

        -- attributes
        deposits.batch,
        deposits.memo,

        -- flags
        (
            deposits.deposit_amount
            = coalesce(deposit_contents.patient_payment_amount, 0)
            + coalesce(deposit_contents.insurance_check_amount, 0)
        ) as is_balanced
    from deposits
    left join deposit_contents
        on deposits.deposit_id = deposit_contents.deposit_id
)

select * from final
