with source as (
    select * from {{ source('opendental', 'recall') }}
),

renamed as (
    select
        -- ids
        recallnum as recall_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('recalltypenum') }} as recall_type_id,
        {{ od_key('recallstatus') }} as recall_status_definition_id,

        -- dates
        {{ od_date('dateprevious') }} as previous_date,
        {{ od_date('dateduecalc') }} as calculated_due_date,
        {{ od_date('datedue') }} as due_date,
        {{ od_date('datescheduled') }} as scheduled_date,
        {{ od_date('disableuntildate') }} as disabled_until_date,

        -- amounts
        {{ od_money('disableuntilbalance') }} as disabled_until_balance_amount,

        -- attributes
        recallinterval as recall_interval_packed,
        {{ od_interval_parts('recallinterval', 'recall_interval') }},
        {{ od_text('timepatternoverride') }} as time_pattern_override,
        {{ od_text('note') }} as note,

        -- flags
        {{ od_bool('isdisabled') }} as is_disabled,

        -- codes
        priority as priority_code,
        {{ od_enum_label('recall', 'Priority', 'priority') }} as priority,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
