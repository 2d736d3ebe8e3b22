with source as (
    select * from {{ source('opendental', 'sheet') }}
),

renamed as (
    select
        -- ids
        sheetnum as sheet_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('sheetdefnum') }} as sheet_definition_sheetdef_id,
        {{ od_key('docnum') }} as document_id,
        {{ od_key('clinicnum') }} as clinic_id,

        -- dates
        {{ od_timestamp('datetimesheet') }} as sheet_at,
        {{ od_timestamp('datetsheetedited') }} as sheet_edited_at,

        -- attributes
        fontsize as font_size,
        {{ od_text('fontname') }} as font_name,
        width,
        height,
        {{ od_text('internalnote') }} as internal_note,
        {{ od_text('description') }} as description,
        showinterminal as show_in_terminal,
        revid as rev_id,
        webformsheetid as web_form_sheet_id,

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
