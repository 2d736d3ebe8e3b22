{{ config(materialized='table') }}

with splits as (
    select * from {{ ref('stg_opendental__paysplit') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

-- One row per payment and family: the payment's non-discount splits to members of the family.
-- A payment whose splits net to zero or less (income transfer, refund) is no payment from them.
-- A payment's splits share its date in OpenDental; one dated apart (OpenDental's rule
-- split_dated_with_payment) leaves the family payment on its earliest split's date.
family_payments as (
    select
        splits.payment_id,
        patients.guarantor_id,
        min(splits.payment_date) as payment_date,
        cast(sum(splits.split_amount) as decimal(15, 2)) as payment_amount
    from splits
    inner join patients
        on splits.patient_id = patients.patient_id
    where splits.is_discount = false
      and splits.payment_date <= {{ as_of_date() }}
    group by
        splits.payment_id,
        patients.guarantor_id
    having sum(splits.split_amount) > 0
),

final as (
    select
        -- ids
        payment_id,
        guarantor_id,

        -- dates
        payment_date,

        -- amounts
        payment_amount
    from family_payments
)

select * from final
