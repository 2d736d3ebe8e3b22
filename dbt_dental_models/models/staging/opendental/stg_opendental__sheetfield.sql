with source as (
    select * from {{ source('opendental', 'sheetfield') }}
),

renamed as (
    select
        -- ids
        sheetfieldnum as sheet_field_id,
        {{ od_key('sheetnum') }} as sheet_id,
        {{ od_key('sheetfielddefnum') }} as sheet_field_definition_id,

        -- dates
        {{ od_timestamp('datetimesig') }} as signed_at,

        -- attributes
        {{ od_text('fieldname') }} as field_name,
        {{ od_text('fieldvalue') }} as field_value,
        {{ od_text('reportablename') }} as reportable_name,
        {{ od_text('radiobuttongroup') }} as radio_button_group,
        {{ od_text('radiobuttonvalue') }} as radio_button_value,
        cast(fontsize as {{ type_double() }}) as font_size,
        {{ od_text('fontname') }} as font_name,
        itemcolor as color_argb,
        xpos as x_position,
        ypos as y_position,
        width,
        height,
        taborder as tab_order,
        tabordermobile as mobile_tab_order,
        {{ od_text('uilabelmobile') }} as mobile_label,
        {{ od_text('uilabelmobileradiobutton') }} as mobile_radio_button_label,

        -- flags
        {{ od_bool('fontisbold') }} as is_font_bold,
        {{ od_bool('isrequired') }} as is_required,
        {{ od_bool('islocked') }} as is_locked,
        {{ od_bool('canelectronicallysign') }} as is_electronic_signature_allowed,
        {{ od_bool('issigprovrestricted') }} as is_provider_signature_only,

        -- codes
        fieldtype as field_type_code,
        {{ od_enum_label('sheetfield', 'FieldType', 'fieldtype') }} as field_type,
        growthbehavior as growth_behavior_code,
        {{ od_enum_label('sheetfield', 'GrowthBehavior', 'growthbehavior') }} as growth_behavior,
        textalign as text_alignment_code,
        {{ od_enum_label('sheetfield', 'TextAlign', 'textalign') }} as text_alignment,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
