with source as (
    select * from {{ source('opendental', 'document') }}
),

renamed as (
    select
        -- ids
        docnum as document_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('doccategory') }} as document_category_definition_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('mountitemnum') }} as mount_item_id,

        -- dates
        {{ od_timestamp('datecreated') }} as document_created_at,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('filename') }} as file_name,
        {{ od_text('toothnumbers') }} as tooth_numbers,
        {{ od_text('note') }} as note,
        {{ od_text('signature') }} as signature,
        cast(degreesrotated as {{ type_double() }}) as rotation_degrees,
        cropx as crop_center_x,
        cropy as crop_center_y,
        cropw as crop_width,
        croph as crop_height,
        windowingmin as windowing_min,
        windowingmax as windowing_max,
        {{ od_text('rawbase64') }} as file_base64,
        {{ od_text('thumbnail') }} as thumbnail_base64,
        {{ od_text('externalguid') }} as external_guid,
        {{ od_text('ocrresponsedata') }} as ocr_response_json,

        -- flags
        {{ od_bool('isflipped') }} as is_flipped,
        {{ od_bool('sigistopaz') }} as is_topaz_signature,
        {{ od_bool('iscropold') }} as is_crop_conversion_pending,
        {{ od_bool('printheading') }} as is_heading_printed,

        -- codes
        imgtype as image_type_code,
        {{ od_enum_label('document', 'ImgType', 'imgtype') }} as image_type,
        {{ od_text('externalsource') }} as external_source,
        imagecapturetype as image_capture_type_code,
        {{ od_enum_label('document', 'ImageCaptureType', 'imagecapturetype') }} as image_capture_type,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
