with source as (
    select * from {{ source('opendental', 'eobattach') }}
),

renamed as (
    select
        -- ids
        eobattachnum as eob_attachment_id,
        {{ od_key('claimpaymentnum') }} as claim_payment_id,

        -- dates
        {{ od_timestamp('datetcreated') }} as created_at,

        -- attributes
        {{ od_text('filename') }} as file_name,
        {{ od_text('rawbase64') }} as raw_base64,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
