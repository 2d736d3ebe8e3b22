with source as (
    select * from {{ source('opendental', 'document') }}
),

renamed as (
    select
        -- ids
        docnum as document_id,
        {{ od_key('doccategory') }} as doc_category_definition_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('mountitemnum') }} as mount_item_mountitem_id,
        {{ od_key('provnum') }} as provider_id,

        -- dates
        {{ od_timestamp('datecreated') }} as date_created_at,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('filename') }} as file_name,
        degreesrotated as degrees_rotated,
        {{ od_text('toothnumbers') }} as tooth_numbers,
        {{ od_text('note') }} as note,
        {{ od_text('signature') }} as signature,
        cropx as crop_x,
        cropy as crop_y,
        cropw as crop_w,
        croph as crop_h,
        windowingmin as windowing_min,
        windowingmax as windowing_max,
        {{ od_text('rawbase64') }} as raw_base64,
        {{ od_text('thumbnail') }} as thumbnail,
        {{ od_text('externalguid') }} as external_guid,
        {{ od_text('ocrresponsedata') }} as ocr_response_data,

        -- flags
        {{ od_bool('isflipped') }} as is_flipped,
        {{ od_bool('sigistopaz') }} as is_sig_is_topaz,
        {{ od_bool('iscropold') }} as is_crop_old,
        {{ od_bool('printheading') }} as is_print_heading,

        -- codes
        imgtype as img_type_code,
        {{ od_enum_label('document', 'ImgType', 'imgtype') }} as img_type,
        {{ od_text('externalsource') }} as external_source,
        imagecapturetype as image_capture_type_code,
        {{ od_enum_label('document', 'ImageCaptureType', 'imagecapturetype') }} as image_capture_type,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
