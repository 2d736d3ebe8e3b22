with security_logs as (
    select * from {{ ref('stg_opendental__securitylog') }}
),

entry_logs as (
    select * from {{ ref('stg_opendental__entrylog') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

security_log_entries as (
    select
        {{ dbt.concat(["'securitylog-'", "cast(security_log_id as " ~ dbt.type_string() ~ ")"]) }} as system_log_id,
        'securitylog' as log_table,
        security_log_id as source_log_id,
        user_id,
        patient_id,
        related_object_id,
        permission_type_code as action_type_code,
        permission_type as action_type,
        log_source,
        logged_at
    from security_logs
),

-- The entry log records appointment creations (FKeyType 0); the patient is the appointment's.
entry_log_entries as (
    select
        {{ dbt.concat(["'entrylog-'", "cast(entry_logs.entry_log_id as " ~ dbt.type_string() ~ ")"]) }} as system_log_id,
        'entrylog' as log_table,
        entry_logs.entry_log_id as source_log_id,
        entry_logs.user_id,
        appointments.patient_id,
        entry_logs.related_object_id,
        entry_logs.related_object_type_code as action_type_code,
        {{ dbt.concat(["entry_logs.related_object_type", "'_create'"]) }} as action_type,
        entry_logs.log_source,
        entry_logs.logged_at
    from entry_logs
    left join appointments
        on entry_logs.related_object_type_code = 0
        and entry_logs.related_object_id = appointments.appointment_id
),

unioned as (
    select * from security_log_entries
    union all
    select * from entry_log_entries
),

final as (
    select
        system_log_id,
        log_table,
        source_log_id,
        user_id,
        patient_id,
        related_object_id,
        action_type_code,
        action_type,
        log_source,
        logged_at,
        cast(logged_at as date) as log_date,
        cast(extract(hour from logged_at) as integer) as log_hour
    from unioned
)

select * from final
