with billing_statements as (
    select * from {{ ref('int_billing_statements') }}
),

-- A billing run's statements: billing statements (not receipts or invoices) that went out.
run_statements as (
    select
        sent_date as billing_run_date,
        delivery_mode_code,
        delivery_mode,
        clinic_id,
        guarantor_id,
        total_balance_amount,
        has_balance_due,
        is_paid_in_response_window,
        is_paid_in_followup_window,
        response_amount,
        followup_amount,
        is_followup_window_complete
    from billing_statements
    where is_sent_billing_statement = true
),

-- One row per run and family billed a balance: its payments are counted once per run, however
-- many statements the run produced for it, and only up to the balance the run billed it (a
-- payment for a new visit's charges is not money the run collected).
run_families as (
    select
        billing_run_date,
        delivery_mode_code,
        clinic_id,
        guarantor_id,
        max(case when is_paid_in_response_window then 1 else 0 end) as is_paid_in_response_window,
        max(case when is_paid_in_followup_window then 1 else 0 end) as is_paid_in_followup_window,
        least(max(response_amount), sum(total_balance_amount)) as response_amount,
        least(max(followup_amount), sum(total_balance_amount)) as followup_amount
    from run_statements
    where has_balance_due = true
    group by
        billing_run_date,
        delivery_mode_code,
        clinic_id,
        guarantor_id
),

family_totals as (
    select
        billing_run_date,
        delivery_mode_code,
        clinic_id,
        count(*) as families_billed,
        sum(is_paid_in_response_window) as families_paid_in_response_window,
        sum(is_paid_in_followup_window) as families_paid_in_followup_window,
        cast(sum(response_amount) as decimal(15, 2)) as amount_collected_in_response_window,
        cast(sum(followup_amount) as decimal(15, 2)) as amount_collected_in_followup_window
    from run_families
    group by
        billing_run_date,
        delivery_mode_code,
        clinic_id
),

statement_totals as (
    select
        billing_run_date,
        delivery_mode_code,
        delivery_mode,
        clinic_id,
        count(*) as statements_sent,
        count(case when has_balance_due then 1 end) as statements_with_balance_due,
        cast(
            coalesce(sum(case when has_balance_due then total_balance_amount end), 0) as decimal(15, 2)
        ) as balance_billed_amount,
        min(case when is_followup_window_complete then 1 else 0 end) = 1 as is_followup_window_complete
    from run_statements
    group by
        billing_run_date,
        delivery_mode_code,
        delivery_mode,
        clinic_id
),

final as (
    select
        -- ids
        {{ dbt.concat([
            "cast(statement_totals.billing_run_date as " ~ dbt.type_string() ~ ")",
            "'|'",
            "statement_totals.delivery_mode",
            "'|'",
            "coalesce(cast(statement_totals.clinic_id as " ~ dbt.type_string() ~ "), 'none')",
        ]) }} as billing_run_key,
        statement_totals.clinic_id,

        -- dates
        statement_totals.billing_run_date,

        -- counts and amounts
        statement_totals.statements_sent,
        statement_totals.statements_with_balance_due,
        coalesce(family_totals.families_billed, 0) as families_billed,
        statement_totals.balance_billed_amount,
        coalesce(family_totals.families_paid_in_response_window, 0) as families_paid_in_response_window,
        coalesce(family_totals.families_paid_in_followup_window, 0) as families_paid_in_followup_window,
        coalesce(
            family_totals.amount_collected_in_response_window, cast(0 as decimal(15, 2))
        ) as amount_collected_in_response_window,
        coalesce(
            family_totals.amount_collected_in_followup_window, cast(0 as decimal(15, 2))
        ) as amount_collected_in_followup_window,
        {{ ratio(
            'coalesce(family_totals.amount_collected_in_followup_window, 0)',
            'statement_totals.balance_billed_amount'
        ) }} as statement_recovery_rate,

        -- flags
        statement_totals.is_followup_window_complete,

        -- codes
        statement_totals.delivery_mode_code,
        statement_totals.delivery_mode
    from statement_totals
    left join family_totals
        on statement_totals.billing_run_date = family_totals.billing_run_date
        and statement_totals.delivery_mode_code = family_totals.delivery_mode_code
        -- a practice without clinics has null clinics: runs still match
        and coalesce(statement_totals.clinic_id, -1) = coalesce(family_totals.clinic_id, -1)
)

select * from final
