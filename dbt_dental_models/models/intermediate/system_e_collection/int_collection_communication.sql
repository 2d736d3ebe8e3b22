{%- set payment_days = var('collection_contact_payment_window_days') -%}

with communications as (
    select * from {{ ref('stg_opendental__commlog') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

family_payments as (
    select * from {{ ref('int_family_payments') }}
),

billing_statements as (
    select * from {{ ref('int_billing_statements') }}
),

-- Commlog types about money: OpenDental's own financial type (ItemValue 'FIN', the one it picks
-- for automatic billing entries) and any type the practice named for finance, billing or collections.
financial_types as (
    select
        definition_id,
        item_name
    from definitions
    where category = 'comm_log_types'
      and (
          coalesce(item_value, '') = 'FIN'
          {%- for keyword in var('financial_commlog_type_keywords') %}
          or lower(item_name) like '%{{ keyword }}%'
          {%- endfor %}
      )
),

financial_communications as (
    select
        communications.communication_id,
        communications.patient_id,
        patients.guarantor_id,
        communications.communication_type_definition_id,
        financial_types.item_name as communication_type,
        communications.user_id,
        communications.communication_at,
        cast(communications.communication_at as date) as communication_date,
        cast(
            {{ dbt.dateadd('day', payment_days, 'cast(communications.communication_at as date)') }} as date
        ) as payment_window_end_date,
        communications.mode_code,
        communications.mode,
        communications.direction_code,
        communications.direction
    from communications
    inner join financial_types
        on communications.communication_type_definition_id = financial_types.definition_id
    left join patients
        on communications.patient_id = patients.patient_id
    where communications.patient_id is not null
),

-- The family's balance context: its last billing statement sent on or before the contact's day.
statements_before as (
    select
        financial_communications.communication_id,
        billing_statements.statement_id,
        billing_statements.sent_date,
        billing_statements.total_balance_amount,
        billing_statements.patient_portion_amount,
        row_number() over (
            partition by financial_communications.communication_id
            order by billing_statements.sent_date desc, billing_statements.statement_id desc
        ) as recency
    from financial_communications
    inner join billing_statements
        on financial_communications.guarantor_id = billing_statements.guarantor_id
        and billing_statements.sent_date <= financial_communications.communication_date
    where billing_statements.is_sent_billing_statement = true
),

last_statements as (
    select * from statements_before where recency = 1
),

-- Family payments from the contact's day (a payment taken during the call counts) to 14 days on.
following_payments as (
    select
        financial_communications.communication_id,
        count(*) as following_payment_count,
        cast(sum(family_payments.payment_amount) as decimal(15, 2)) as following_payment_amount,
        min(family_payments.payment_date) as first_following_payment_date
    from financial_communications
    inner join family_payments
        on financial_communications.guarantor_id = family_payments.guarantor_id
        and family_payments.payment_date >= financial_communications.communication_date
        and family_payments.payment_date <= financial_communications.payment_window_end_date
    group by financial_communications.communication_id
),

final as (
    select
        -- ids
        financial_communications.communication_id,
        financial_communications.patient_id,
        financial_communications.guarantor_id,
        financial_communications.communication_type_definition_id,
        financial_communications.user_id,
        last_statements.statement_id as last_statement_id,

        -- dates
        financial_communications.communication_at,
        financial_communications.communication_date,
        last_statements.sent_date as last_statement_date,
        {{ dbt.datediff('last_statements.sent_date', 'financial_communications.communication_date', 'day') }} as days_since_last_statement,
        financial_communications.payment_window_end_date,
        following_payments.first_following_payment_date,

        -- amounts
        last_statements.total_balance_amount as last_statement_balance_amount,
        last_statements.patient_portion_amount as last_statement_patient_portion_amount,
        coalesce(following_payments.following_payment_count, 0) as following_payment_count,
        coalesce(
            following_payments.following_payment_amount, cast(0 as decimal(15, 2))
        ) as following_payment_amount,

        -- flags
        coalesce(following_payments.following_payment_count, 0) > 0 as is_followed_by_payment,
        financial_communications.payment_window_end_date <= {{ as_of_date() }} as is_payment_window_complete,

        -- codes
        financial_communications.communication_type,
        financial_communications.mode_code,
        financial_communications.mode,
        financial_communications.direction_code,
        financial_communications.direction
    from financial_communications
    left join last_statements
        on financial_communications.communication_id = last_statements.communication_id
    left join following_payments
        on financial_communications.communication_id = following_payments.communication_id
)

select * from final
