{{ config(materialized='table') }}

{%- set response_days = var('collection_response_window_days') -%}
{%- set followup_days = var('collection_followup_window_days') -%}

with statements as (
    select * from {{ ref('stg_opendental__statement') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

family_payments as (
    select * from {{ ref('int_family_payments') }}
),

-- The statement's family is its addressee's guarantor; the family's clinic is the guarantor's.
statements_with_family as (
    select
        statements.statement_id,
        statements.patient_id,
        addressees.guarantor_id,
        guarantors.clinic_id,
        statements.sent_date,
        statements.delivery_mode_code,
        statements.delivery_mode,
        case
            when statements.is_receipt then 'receipt'
            when statements.is_invoice then 'invoice'
            else 'statement'
        end as statement_kind,
        statements.is_sent,
        statements.is_balance_valid,
        -- OpenDental stores the balance with the statement only since 16.1 (is_balance_valid).
        cast(
            case when statements.is_balance_valid then statements.total_balance_amount end as decimal(15, 2)
        ) as total_balance_amount,
        cast(
            case when statements.is_balance_valid then statements.insurance_estimate_amount end as decimal(15, 2)
        ) as insurance_estimate_amount,
        cast({{ dbt.dateadd('day', response_days, 'statements.sent_date') }} as date) as response_window_end_date,
        cast({{ dbt.dateadd('day', followup_days, 'statements.sent_date') }} as date) as followup_window_end_date
    from statements
    left join patients as addressees
        on statements.patient_id = addressees.patient_id
    left join patients as guarantors
        on addressees.guarantor_id = guarantors.patient_id
),

-- The family's payments dated after the statement, up to the end of the longer window.
payments_after_statement as (
    select
        statements_with_family.statement_id,
        family_payments.payment_date,
        family_payments.payment_amount,
        family_payments.payment_date <= statements_with_family.response_window_end_date as is_in_response_window
    from statements_with_family
    inner join family_payments
        on statements_with_family.guarantor_id = family_payments.guarantor_id
        and family_payments.payment_date > statements_with_family.sent_date
        and family_payments.payment_date <= statements_with_family.followup_window_end_date
),

responses as (
    select
        statement_id,
        count(case when is_in_response_window then 1 end) as response_payment_count,
        cast(sum(case when is_in_response_window then payment_amount else 0 end) as decimal(15, 2)) as response_amount,
        min(case when is_in_response_window then payment_date end) as first_response_payment_date,
        cast(sum(payment_amount) as decimal(15, 2)) as followup_amount
    from payments_after_statement
    group by statement_id
),

final as (
    select
        -- ids
        statements_with_family.statement_id,
        statements_with_family.patient_id,
        statements_with_family.guarantor_id,
        statements_with_family.clinic_id,

        -- dates
        statements_with_family.sent_date,
        statements_with_family.response_window_end_date,
        statements_with_family.followup_window_end_date,
        responses.first_response_payment_date,
        {{ dbt.datediff('statements_with_family.sent_date', 'responses.first_response_payment_date', 'day') }} as days_to_first_response_payment,

        -- amounts
        statements_with_family.total_balance_amount,
        statements_with_family.insurance_estimate_amount,
        cast(
            statements_with_family.total_balance_amount - statements_with_family.insurance_estimate_amount
            as decimal(15, 2)
        ) as patient_portion_amount,
        coalesce(responses.response_payment_count, 0) as response_payment_count,
        coalesce(responses.response_amount, cast(0 as decimal(15, 2))) as response_amount,
        coalesce(responses.followup_amount, cast(0 as decimal(15, 2))) as followup_amount,

        -- flags
        statements_with_family.is_sent,
        -- A billing statement (not a receipt or invoice) that went out: the rows billing runs,
        -- response rates and collection histories count.
        coalesce(
            statements_with_family.statement_kind = 'statement' and statements_with_family.is_sent, false
        ) as is_sent_billing_statement,
        statements_with_family.is_balance_valid,
        coalesce(statements_with_family.total_balance_amount > 0, false) as has_balance_due,
        coalesce(responses.response_payment_count, 0) > 0 as is_paid_in_response_window,
        coalesce(responses.followup_amount, 0) > 0 as is_paid_in_followup_window,
        statements_with_family.response_window_end_date <= {{ as_of_date() }} as is_response_window_complete,
        statements_with_family.followup_window_end_date <= {{ as_of_date() }} as is_followup_window_complete,

        -- codes
        statements_with_family.delivery_mode_code,
        statements_with_family.delivery_mode,
        statements_with_family.statement_kind
    from statements_with_family
    left join responses
        on statements_with_family.statement_id = responses.statement_id
)

select * from final
