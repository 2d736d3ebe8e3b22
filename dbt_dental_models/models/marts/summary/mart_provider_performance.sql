{#- The procedure-mix groups, in column order (what each holds: procedures_to_date). -#}
{%- set mix_categories = ['diagnostic', 'preventive', 'restorative', 'endodontics', 'periodontics',
    'prosthodontics', 'oral_surgery', 'orthodontics', 'other'] -%}
with

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

appointment_days as (
    select * from {{ ref('int_appointment_metrics') }}
),

provider_schedule_days as (
    select * from {{ ref('int_appointment_schedule') }}
),

providers as (
    select * from {{ ref('dim_provider') }}
),

-- The role each provider is reported by (dentist, hygienist, ...).
provider_roles as (
    select
        provider_id,
        provider_role
    from providers
),

-- The money columns come from mart_production_summary, so the two marts agree by construction.
money_by_month as (
    select
        provider_id,
        month_start_date,
        cast(sum(production_amount) as decimal(15, 2)) as production_amount,
        cast(sum(adjustment_amount) as decimal(15, 2)) as adjustment_amount,
        cast(sum(write_off_amount) as decimal(15, 2)) as write_off_amount,
        cast(sum(net_production_amount) as decimal(15, 2)) as net_production_amount,
        cast(sum(patient_income_amount) as decimal(15, 2)) as patient_income_amount,
        cast(sum(insurance_income_amount) as decimal(15, 2)) as insurance_income_amount,
        cast(sum(collections_amount) as decimal(15, 2)) as collections_amount
    from production_summary
    group by provider_id, month_start_date
),

-- Procedure mix groups: the CDT categories, prosthodontics being removable, fixed and implant
-- work together; maxillofacial prosthetics, adjunctive services (the broken-appointment charges
-- among them) and codes outside the CDT ranges are `other`.
procedures_to_date as (
    select
        *,
        cast({{ dbt.date_trunc('month', 'procedure_date') }} as date) as month_start_date,
        case
            when cdt_category in ('removable_prosthodontics', 'fixed_prosthodontics', 'implant_services')
                then 'prosthodontics'
            when cdt_category = 'oral_and_maxillofacial_surgery'
                then 'oral_surgery'
            when cdt_category in (
                'diagnostic', 'preventive', 'restorative', 'endodontics', 'periodontics', 'orthodontics'
            )
                then cdt_category
            else 'other'
        end as mix_category
    from completed_procedures
    where procedure_date <= {{ as_of_date() }}
),

-- Patients seen leave out the broken-appointment charges (never a visit); a new patient is
-- counted for the provider of the patient's first completed procedure (DESIGN.md).
procedures_by_month as (
    select
        provider_id,
        month_start_date,
        cast(count(*) as bigint) as completed_procedure_count,
        {%- for category in mix_categories %}
        cast(sum(case when mix_category = '{{ category }}' then production_amount else 0 end) as decimal(15, 2))
            as {{ category }}_production_amount,
        {%- endfor %}
        cast(sum(case when is_hygiene then production_amount else 0 end) as decimal(15, 2))
            as hygiene_production_amount,
        cast(count(distinct case when not is_broken_appointment_code then patient_id end) as bigint)
            as patients_seen_count,
        cast(sum(case when is_new_patient_procedure then 1 else 0 end) as bigint) as new_patient_count
    from procedures_to_date
    group by provider_id, month_start_date
),

-- Appointments count for the provider whose chair time they take (the hygienist for a hygiene
-- appointment), as int_appointment_metrics counts them: the provider int_appointment_schedule
-- books the minutes to.
appointments_by_month as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'appointment_date') }} as date) as month_start_date,
        cast(sum(appointments_scheduled) as bigint) as appointments_scheduled_count,
        cast(sum(appointments_completed) as bigint) as appointments_completed_count,
        cast(sum(appointments_broken) as bigint) as appointments_broken_count,
        cast(sum(appointments_no_show) as bigint) as appointments_no_show_count,
        cast(sum(appointments_cancelled) as bigint) as appointments_cancelled_count,
        cast(sum(booked_minutes) as decimal(12, 2)) as booked_minutes
    from appointment_days
    where appointment_date <= {{ as_of_date() }}
    group by provider_id, cast({{ dbt.date_trunc('month', 'appointment_date') }} as date)
),

schedule_by_month as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'schedule_date') }} as date) as month_start_date,
        cast(sum(scheduled_minutes) as decimal(12, 2)) as scheduled_minutes
    from provider_schedule_days
    where schedule_date <= {{ as_of_date() }}
    group by provider_id, cast({{ dbt.date_trunc('month', 'schedule_date') }} as date)
),

provider_months as (
    select provider_id, month_start_date from money_by_month
    union
    select provider_id, month_start_date from procedures_by_month
    union
    select provider_id, month_start_date from appointments_by_month
    union
    select provider_id, month_start_date from schedule_by_month
),

-- A provider can be null on a money row (a pay split without one): it stays a row of its own so
-- the monthly totals still equal mart_production_summary's; the null-safe joins keep it.
joined as (
    select
        provider_months.provider_id,
        provider_months.month_start_date,
        cast(coalesce(money_by_month.production_amount, 0) as decimal(15, 2)) as production_amount,
        cast(coalesce(money_by_month.adjustment_amount, 0) as decimal(15, 2)) as adjustment_amount,
        cast(coalesce(money_by_month.write_off_amount, 0) as decimal(15, 2)) as write_off_amount,
        cast(coalesce(money_by_month.net_production_amount, 0) as decimal(15, 2)) as net_production_amount,
        cast(coalesce(money_by_month.patient_income_amount, 0) as decimal(15, 2)) as patient_income_amount,
        cast(coalesce(money_by_month.insurance_income_amount, 0) as decimal(15, 2)) as insurance_income_amount,
        cast(coalesce(money_by_month.collections_amount, 0) as decimal(15, 2)) as collections_amount,
        cast(coalesce(procedures_by_month.completed_procedure_count, 0) as bigint) as completed_procedure_count,
        {%- for category in mix_categories %}
        cast(coalesce(procedures_by_month.{{ category }}_production_amount, 0) as decimal(15, 2))
            as {{ category }}_production_amount,
        {%- endfor %}
        cast(coalesce(procedures_by_month.hygiene_production_amount, 0) as decimal(15, 2)) as hygiene_production_amount,
        cast(coalesce(procedures_by_month.patients_seen_count, 0) as bigint) as patients_seen_count,
        cast(coalesce(procedures_by_month.new_patient_count, 0) as bigint) as new_patient_count,
        cast(coalesce(appointments_by_month.appointments_scheduled_count, 0) as bigint) as appointments_scheduled_count,
        cast(coalesce(appointments_by_month.appointments_completed_count, 0) as bigint) as appointments_completed_count,
        cast(coalesce(appointments_by_month.appointments_broken_count, 0) as bigint) as appointments_broken_count,
        cast(coalesce(appointments_by_month.appointments_no_show_count, 0) as bigint) as appointments_no_show_count,
        cast(coalesce(appointments_by_month.appointments_cancelled_count, 0) as bigint) as appointments_cancelled_count,
        cast(coalesce(schedule_by_month.scheduled_minutes, 0) as decimal(12, 2)) as scheduled_minutes,
        cast(coalesce(appointments_by_month.booked_minutes, 0) as decimal(12, 2)) as booked_minutes
    from provider_months
    left join money_by_month
        on provider_months.provider_id is not distinct from money_by_month.provider_id
        and provider_months.month_start_date = money_by_month.month_start_date
    left join procedures_by_month
        on provider_months.provider_id is not distinct from procedures_by_month.provider_id
        and provider_months.month_start_date = procedures_by_month.month_start_date
    left join appointments_by_month
        on provider_months.provider_id = appointments_by_month.provider_id
        and provider_months.month_start_date = appointments_by_month.month_start_date
    left join schedule_by_month
        on provider_months.provider_id = schedule_by_month.provider_id
        and provider_months.month_start_date = schedule_by_month.month_start_date
),

-- Shares are of the month's production (net of capitation write-offs); the nine category shares
-- add up to 1, to rounding, whenever production is not 0. Null when production is 0. The stored
-- rates are the provider-month's, for reading; over other periods they are recomputed from the
-- numerator and denominator columns.
final as (
    select
        -- grain
        joined.provider_id,
        joined.month_start_date,

        -- attributes
        provider_roles.provider_role,

        -- money (from mart_production_summary)
        production_amount,
        adjustment_amount,
        write_off_amount,
        net_production_amount,
        patient_income_amount,
        insurance_income_amount,
        collections_amount,
        {{ ratio('collections_amount', 'net_production_amount') }} as collection_rate,

        -- procedures
        completed_procedure_count,
        {%- for category in mix_categories %}
        {{ ratio(category ~ "_production_amount", "production_amount") }} as {{ category }}_production_share,
        {%- endfor %}
        hygiene_production_amount,
        {{ ratio('hygiene_production_amount', 'production_amount') }} as hygiene_production_share,

        -- patients
        patients_seen_count,
        new_patient_count,

        -- schedule
        appointments_scheduled_count,
        appointments_completed_count,
        appointments_broken_count,
        appointments_no_show_count,
        appointments_cancelled_count,
        scheduled_minutes,
        booked_minutes,
        {{ ratio('booked_minutes', 'scheduled_minutes') }} as chair_utilization_rate,
        {{ ratio('production_amount * 60', 'booked_minutes') }} as production_per_booked_hour
    from joined
    left join provider_roles
        on joined.provider_id = provider_roles.provider_id
)

select * from final
