with source as (
    select * from {{ source('opendental', 'appointmenttype') }}
),

renamed as (
    select
        -- ids
        appointmenttypenum as appointment_type_id,

        -- attributes
        {{ od_text('appointmenttypename') }} as appointment_type_name,
        appointmenttypecolor as color_argb,
        itemorder as display_order,
        {{ od_text('pattern') }} as time_pattern,
        {{ od_text('codestr') }} as procedure_codes,
        {{ od_text('codestrrequired') }} as required_procedure_codes,
        {{ od_text('blockouttypes') }} as blockout_type_definition_ids,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        requiredproccodesneeded as required_procedure_codes_rule_code,
        {{ od_enum_label('appointmenttype', 'RequiredProcCodesNeeded', 'requiredproccodesneeded') }} as required_procedure_codes_rule,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
