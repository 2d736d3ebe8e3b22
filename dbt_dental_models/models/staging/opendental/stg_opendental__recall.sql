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
        -- OpenDental packs an interval into one integer, a byte each (low to high) for days,
        -- weeks, months and years; the parts are unpacked here.
        recallinterval as recall_interval_packed,
        cast((recallinterval & 2130706432) / 16777216 as integer) as recall_interval_years,
        cast((recallinterval & 16711680) / 65536 as integer) as recall_interval_months,
        cast((recallinterval & 65280) / 256 as integer) as recall_interval_weeks,
        cast(recallinterval & 255 as integer) as recall_interval_days,
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
