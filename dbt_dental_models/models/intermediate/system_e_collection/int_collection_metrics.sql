with billing_statements as (
    select * from {{ ref('int_billing_statements') }}
),

collection_communications as (
    select * from {{ ref('int_collection_communication') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

family_payments as (
    select * from {{ ref('int_family_payments') }}
),

sent_statements as (
    select *
    from billing_statements
    where is_sent_billing_statement = true
),

-- The families billed a balance at least once, and their statement history.
family_statements as (
    select
        guarantor_id,
        count(*) as statements_sent,
        count(case when has_balance_due then 1 end) as statements_with_balance_due,
        min(case when has_balance_due then sent_date end) as first_statement_date,
        max(sent_date) as last_statement_date
    from sent_statements
    where guarantor_id is not null
    group by guarantor_id
    having count(case when has_balance_due then 1 end) > 0
),

last_statement_balances as (
    select
        guarantor_id,
        cast(sum(total_balance_amount) as decimal(15, 2)) as last_statement_balance_amount
    from (
        select
            sent_statements.guarantor_id,
            sent_statements.total_balance_amount
        from sent_statements
        inner join family_statements
            on sent_statements.guarantor_id = family_statements.guarantor_id
            and sent_statements.sent_date = family_statements.last_statement_date
    ) as last_day_statements
    group by guarantor_id
),

-- Payments dated after the family's first statement with a balance due (as for a statement's
-- response, a payment on the statement's own date is not counted).
payments_since_billed as (
    select
        family_statements.guarantor_id,
        count(*) as payments_after_first_statement,
        cast(sum(family_payments.payment_amount) as decimal(15, 2)) as amount_collected_since_first_statement,
        min(family_payments.payment_date) as first_payment_after_statement_date
    from family_statements
    inner join family_payments
        on family_statements.guarantor_id = family_payments.guarantor_id
        and family_payments.payment_date > family_statements.first_statement_date
    group by family_statements.guarantor_id
),

-- Money-related contacts from the day of the first statement with a balance due on.
contacts_since_billed as (
    select
        family_statements.guarantor_id,
        count(*) as collection_contacts,
        max(collection_communications.communication_date) as last_collection_contact_date
    from family_statements
    inner join collection_communications
        on family_statements.guarantor_id = collection_communications.guarantor_id
        and collection_communications.communication_date >= family_statements.first_statement_date
    group by family_statements.guarantor_id
),

final as (
    select
        -- ids
        family_statements.guarantor_id,
        guarantors.clinic_id,

        -- dates
        family_statements.first_statement_date,
        family_statements.last_statement_date,
        contacts_since_billed.last_collection_contact_date,
        payments_since_billed.first_payment_after_statement_date,
        {{ dbt.datediff('family_statements.first_statement_date', 'payments_since_billed.first_payment_after_statement_date', 'day') }} as days_to_first_payment,

        -- counts and amounts
        family_statements.statements_sent,
        family_statements.statements_with_balance_due,
        last_statement_balances.last_statement_balance_amount,
        coalesce(contacts_since_billed.collection_contacts, 0) as collection_contacts,
        coalesce(payments_since_billed.payments_after_first_statement, 0) as payments_after_first_statement,
        coalesce(
            payments_since_billed.amount_collected_since_first_statement, cast(0 as decimal(15, 2))
        ) as amount_collected_since_first_statement,

        -- flags
        payments_since_billed.first_payment_after_statement_date is not null as has_paid_since_first_statement
    from family_statements
    left join patients as guarantors
        on family_statements.guarantor_id = guarantors.patient_id
    left join last_statement_balances
        on family_statements.guarantor_id = last_statement_balances.guarantor_id
    left join payments_since_billed
        on family_statements.guarantor_id = payments_since_billed.guarantor_id
    left join contacts_since_billed
        on family_statements.guarantor_id = contacts_since_billed.guarantor_id
)

select * from final
