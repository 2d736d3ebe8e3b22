with source as (
    select * from {{ source('opendental', 'eobattach') }}
),

renamed as (
    select
        -- ids
        eobattachnum as eob_attachment_id,
        {{ od_key('claimpaymentnum') }} as claim_payment_id,

        -- attributes
        {{ od_text('filename') }} as file_name,
        {{ od_text('rawbase64') }} as file_content_base64,

        -- metadata
        {{ od_timestamp('datetcreated') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
