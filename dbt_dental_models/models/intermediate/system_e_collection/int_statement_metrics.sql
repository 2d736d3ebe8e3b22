with billing_statements as (
    select * from {{ ref('int_billing_statements') }}
),

-- Billing statements that went out: receipts, invoices and statements never sent draw no response.
sent_statements as (
    select
        cast({{ dbt.date_trunc('month', 'sent_date') }} as date) as statement_month,
        delivery_mode_code,
        delivery_mode,
        guarantor_id,
        sent_date,
        total_balance_amount,
        has_balance_due,
        is_paid_in_response_window,
        response_amount,
        is_response_window_complete
    from billing_statements
    where is_sent_billing_statement = true
),

-- A family's response is the same for all its statements of one date and mode: counted once,
-- and only up to the balance those statements billed (a payment for a new visit's charges is not
-- an answer to the statement).
family_responses as (
    select
        statement_month,
        delivery_mode_code,
        guarantor_id,
        sent_date,
        least(max(response_amount), sum(total_balance_amount)) as response_amount
    from sent_statements
    where has_balance_due = true
      and is_paid_in_response_window = true
    group by
        statement_month,
        delivery_mode_code,
        guarantor_id,
        sent_date
),

family_response_totals as (
    select
        statement_month,
        delivery_mode_code,
        count(distinct guarantor_id) as families_paid_in_response_window,
        cast(sum(response_amount) as decimal(15, 2)) as amount_paid_in_response_window
    from family_responses
    group by
        statement_month,
        delivery_mode_code
),

statement_totals as (
    select
        statement_month,
        delivery_mode_code,
        delivery_mode,
        count(*) as statements_sent,
        count(case when has_balance_due then 1 end) as statements_with_balance_due,
        count(distinct case when has_balance_due then guarantor_id end) as families_billed,
        cast(
            coalesce(sum(case when has_balance_due then total_balance_amount end), 0) as decimal(15, 2)
        ) as balance_billed_amount,
        sum(
            case when has_balance_due and is_paid_in_response_window then 1 else 0 end
        ) as statements_paid_in_response_window,
        min(case when is_response_window_complete then 1 else 0 end) = 1 as is_response_window_complete
    from sent_statements
    group by
        statement_month,
        delivery_mode_code,
        delivery_mode
),

final as (
    select
        -- dates
        statement_totals.statement_month,

        -- counts and amounts
        statement_totals.statements_sent,
        statement_totals.statements_with_balance_due,
        statement_totals.families_billed,
        statement_totals.balance_billed_amount,
        statement_totals.statements_paid_in_response_window,
        coalesce(family_response_totals.families_paid_in_response_window, 0) as families_paid_in_response_window,
        coalesce(
            family_response_totals.amount_paid_in_response_window, cast(0 as decimal(15, 2))
        ) as amount_paid_in_response_window,
        {{ ratio('statement_totals.statements_paid_in_response_window', 'statement_totals.statements_with_balance_due') }}
            as response_rate,

        -- flags
        statement_totals.is_response_window_complete,

        -- codes
        statement_totals.delivery_mode_code,
        statement_totals.delivery_mode
    from statement_totals
    left join family_response_totals
        on statement_totals.statement_month = family_response_totals.statement_month
        and statement_totals.delivery_mode_code = family_response_totals.delivery_mode_code
)

select * from final
