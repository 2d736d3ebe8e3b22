with

payments as (
    select * from {{ ref('stg_opendental__payment') }}
),

claim_payments as (
    select * from {{ ref('stg_opendental__claimpayment') }}
),

deposits as (
    select * from {{ ref('stg_opendental__deposit') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

-- Patient payments and insurance checks, the two kinds of money a deposit holds.
money_received as (
    select
        'patient_payment' as payment_source,
        payment_id as source_id,
        clinic_id,
        payment_date,
        payment_amount,
        payment_type_definition_id,
        deposit_id
    from payments

    union all

    select
        'insurance_check' as payment_source,
        claim_payment_id as source_id,
        clinic_id,
        check_date as payment_date,
        check_amount as payment_amount,
        payment_type_definition_id,
        deposit_id
    from claim_payments
),

final as (
    select
        -- grain
        money_received.payment_source,
        money_received.source_id,

        -- ids
        money_received.clinic_id,
        money_received.payment_type_definition_id,
        money_received.deposit_id,

        -- dates
        money_received.payment_date,
        deposits.deposit_date,

        -- amounts
        money_received.payment_amount,

        -- attributes
        payment_types.item_name as payment_type_name,
        {{ dbt.datediff('money_received.payment_date', 'deposits.deposit_date', 'day') }} as days_to_deposit,

        -- flags
        -- OpenDental leaves payment types whose value is 'N' off the deposit slip (online,
        -- financing, EFT): the money reaches the bank without a deposit.
        coalesce(payment_types.item_value = 'N', false) as is_kept_off_deposit_slip,
        case
            when money_received.deposit_id is not null then 'deposited'
            when coalesce(payment_types.item_value = 'N', false) then 'kept_off_slip'
            when money_received.payment_amount = 0 then 'nothing_to_deposit'
            else 'undeposited'
        end as deposit_status
    from money_received
    left join deposits
        on money_received.deposit_id = deposits.deposit_id
    left join definitions as payment_types
        on money_received.payment_type_definition_id = payment_types.definition_id
)

select * from final
