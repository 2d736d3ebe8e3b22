with source as (
    select * from {{ source('opendental', 'sheet') }}
),

renamed as (
    select
        -- ids
        sheetnum as sheet_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('sheetdefnum') }} as sheet_definition_id,
        {{ od_key('docnum') }} as document_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('webformsheetid') }} as web_form_sheet_id,

        -- dates
        {{ od_timestamp('datetimesheet') }} as sheet_at,
        {{ od_timestamp('datetsheetedited') }} as edited_at,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('internalnote') }} as internal_note,
        cast(fontsize as {{ type_double() }}) as font_size,
        {{ od_text('fontname') }} as font_name,
        width as page_width_pixels,
        height as page_height_pixels,
        showinterminal as kiosk_order,
        revid as revision_number,

        -- flags
        {{ od_bool('islandscape') }} as is_landscape,
        {{ od_bool('iswebform') }} as is_web_form,
        {{ od_bool('ismultipage') }} as is_multi_page,
        {{ od_bool('isdeleted') }} as is_deleted,
        {{ od_bool('hasmobilelayout') }} as has_mobile_layout,

        -- codes
        sheettype as sheet_type_code,
        {{ od_enum_label('sheet', 'SheetType', 'sheettype') }} as sheet_type,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
