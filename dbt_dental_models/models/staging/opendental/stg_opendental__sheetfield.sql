with source as (
    select * from {{ source('opendental', 'sheetfield') }}
),

renamed as (
    select
        -- ids
        sheetfieldnum as sheet_field_id,
        {{ od_key('sheetnum') }} as sheet_id,
        {{ od_key('sheetfielddefnum') }} as sheet_field_definition_sheetfielddef_id,

        -- dates
        {{ od_timestamp('datetimesig') }} as sig_at,

        -- attributes
        {{ od_text('fieldname') }} as field_name,
        {{ od_text('fieldvalue') }} as field_value,
        fontsize as font_size,
        {{ od_text('fontname') }} as font_name,
        xpos as x_pos,
        ypos as y_pos,
        width,
        height,
        {{ od_text('radiobuttonvalue') }} as radio_button_value,
        {{ od_text('radiobuttongroup') }} as radio_button_group,
        taborder as tab_order,
        {{ od_text('reportablename') }} as reportable_name,
        itemcolor as item_color,
        tabordermobile as tab_order_mobile,
        {{ od_text('uilabelmobile') }} as ui_label_mobile,
        {{ od_text('uilabelmobileradiobutton') }} as ui_label_mobile_radio_button,

        -- flags
        {{ od_bool('fontisbold') }} as is_font_is_bold,
        {{ od_bool('isrequired') }} as is_required,
        {{ od_bool('islocked') }} as is_locked,
        {{ od_bool('canelectronicallysign') }} as is_can_electronically_sign,
        {{ od_bool('issigprovrestricted') }} as is_sig_provider_restricted,

        -- codes
        fieldtype as field_type_code,
        {{ od_enum_label('sheetfield', 'FieldType', 'fieldtype') }} as field_type,
        growthbehavior as growth_behavior_code,
        {{ od_enum_label('sheetfield', 'GrowthBehavior', 'growthbehavior') }} as growth_behavior,
        textalign as text_align_code,
        {{ od_enum_label('sheetfield', 'TextAlign', 'textalign') }} as text_align,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
