with statement_metrics as (
    select * from {{ ref('int_statement_metrics') }}
),

billing_runs as (
    select * from {{ ref('int_collection_campaigns') }}
),

collection_contacts as (
    select * from {{ ref('int_collection_communication') }}
),

collection_tasks as (
    select * from {{ ref('int_collection_tasks') }}
),

-- Statements by month, the delivery modes added together.
monthly_statements as (
    select
        statement_month as month_start_date,
        sum(statements_sent) as statements_sent,
        sum(statements_with_balance_due) as statements_with_balance_due,
        sum(families_billed) as families_billed,
        sum(balance_billed_amount) as balance_billed_amount,
        sum(statements_paid_in_response_window) as statements_paid_in_response_window,
        sum(families_paid_in_response_window) as families_paid_in_response_window,
        sum(amount_paid_in_response_window) as amount_paid_in_response_window,
        min(case when is_response_window_complete then 1 else 0 end) = 1 as is_response_window_complete
    from statement_metrics
    group by statement_month
),

-- Billing runs by the month of the run: what the families billed paid over the follow-up window.
monthly_billing_runs as (
    select
        cast({{ dbt.date_trunc('month', 'billing_run_date') }} as date) as month_start_date,
        count(*) as billing_runs,
        sum(balance_billed_amount) as run_balance_billed_amount,
        sum(amount_collected_in_followup_window) as amount_collected_in_followup_window,
        min(case when is_followup_window_complete then 1 else 0 end) = 1 as is_followup_window_complete
    from billing_runs
    group by cast({{ dbt.date_trunc('month', 'billing_run_date') }} as date)
),

monthly_contacts as (
    select
        cast({{ dbt.date_trunc('month', 'communication_date') }} as date) as month_start_date,
        count(*) as collection_contacts,
        sum(case when direction = 'sent' then 1 else 0 end) as outbound_collection_contacts,
        sum(case when is_followed_by_payment then 1 else 0 end) as contacts_followed_by_payment,
        sum(following_payment_amount) as amount_paid_after_contacts
    from collection_contacts
    where communication_date <= {{ as_of_date() }}
    group by cast({{ dbt.date_trunc('month', 'communication_date') }} as date)
),

monthly_tasks_opened as (
    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start_date,
        count(*) as collection_tasks_opened
    from collection_tasks
    where created_date <= {{ as_of_date() }}
    group by cast({{ dbt.date_trunc('month', 'created_date') }} as date)
),

monthly_tasks_done as (
    select
        cast({{ dbt.date_trunc('month', 'finished_date') }} as date) as month_start_date,
        count(*) as collection_tasks_done
    from collection_tasks
    where is_done
        and finished_date <= {{ as_of_date() }}
    group by cast({{ dbt.date_trunc('month', 'finished_date') }} as date)
),

months as (
    select month_start_date from monthly_statements
    union
    select month_start_date from monthly_billing_runs
    union
    select month_start_date from monthly_contacts
    union
    select month_start_date from monthly_tasks_opened
    union
    select month_start_date from monthly_tasks_done
),

final as (
    select
        -- dates
        months.month_start_date,

        -- counts
        cast(coalesce(monthly_statements.statements_sent, 0) as bigint) as statements_sent,
        cast(coalesce(monthly_statements.statements_with_balance_due, 0) as bigint) as statements_with_balance_due,
        cast(coalesce(monthly_statements.families_billed, 0) as bigint) as families_billed,
        cast(coalesce(monthly_statements.statements_paid_in_response_window, 0) as bigint)
            as statements_paid_in_response_window,
        cast(coalesce(monthly_statements.families_paid_in_response_window, 0) as bigint)
            as families_paid_in_response_window,
        cast(coalesce(monthly_billing_runs.billing_runs, 0) as bigint) as billing_runs,
        cast(coalesce(monthly_contacts.collection_contacts, 0) as bigint) as collection_contacts,
        cast(coalesce(monthly_contacts.outbound_collection_contacts, 0) as bigint) as outbound_collection_contacts,
        cast(coalesce(monthly_contacts.contacts_followed_by_payment, 0) as bigint) as contacts_followed_by_payment,
        cast(coalesce(monthly_tasks_opened.collection_tasks_opened, 0) as bigint) as collection_tasks_opened,
        cast(coalesce(monthly_tasks_done.collection_tasks_done, 0) as bigint) as collection_tasks_done,

        -- amounts
        cast(coalesce(monthly_statements.balance_billed_amount, 0) as decimal(15, 2)) as balance_billed_amount,
        cast(coalesce(monthly_statements.amount_paid_in_response_window, 0) as decimal(15, 2))
            as amount_paid_in_response_window,
        cast(coalesce(monthly_billing_runs.run_balance_billed_amount, 0) as decimal(15, 2))
            as run_balance_billed_amount,
        cast(coalesce(monthly_billing_runs.amount_collected_in_followup_window, 0) as decimal(15, 2))
            as amount_collected_in_followup_window,
        cast(coalesce(monthly_contacts.amount_paid_after_contacts, 0) as decimal(15, 2)) as amount_paid_after_contacts,

        -- rates
        {{ ratio('monthly_statements.statements_paid_in_response_window', 'monthly_statements.statements_with_balance_due') }}
            as response_rate,
        {{ ratio('monthly_billing_runs.amount_collected_in_followup_window', 'monthly_billing_runs.run_balance_billed_amount') }}
            as statement_recovery_rate,
        {{ ratio('monthly_contacts.contacts_followed_by_payment', 'monthly_contacts.collection_contacts') }}
            as contact_payment_rate,

        -- flags: a month without statements (or runs) has nothing still to come in
        coalesce(monthly_statements.is_response_window_complete, true) as is_response_window_complete,
        coalesce(monthly_billing_runs.is_followup_window_complete, true) as is_followup_window_complete
    from months
    left join monthly_statements
        on months.month_start_date = monthly_statements.month_start_date
    left join monthly_billing_runs
        on months.month_start_date = monthly_billing_runs.month_start_date
    left join monthly_contacts
        on months.month_start_date = monthly_contacts.month_start_date
    left join monthly_tasks_opened
        on months.month_start_date = monthly_tasks_opened.month_start_date
    left join monthly_tasks_done
        on months.month_start_date = monthly_tasks_done.month_start_date
)

select * from final
