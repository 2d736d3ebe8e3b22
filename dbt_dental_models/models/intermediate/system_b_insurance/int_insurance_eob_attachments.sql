{#- File extensions OpenDental's EOB viewer opens as images; pdf is its own type. -#}
{%- set image_extensions = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff'] -%}

with eob_attachments as (
    select * from {{ ref('stg_opendental__eobattach') }}
),

claim_payments as (
    select * from {{ ref('int_claim_payments') }}
),

-- the extension is what follows the file name's last dot (none without a dot)
extensions as (
    select
        *,
        case
            when {{ dbt.position("'.'", 'reverse(file_name)') }} > 1
                then lower({{ dbt.right('file_name', dbt.position("'.'", 'reverse(file_name)') ~ " - 1") }})
        end as file_extension
    from eob_attachments
),

final as (
    select
        -- ids
        extensions.eob_attachment_id,
        extensions.claim_payment_id,
        claim_payments.carrier_id,

        -- dates
        extensions.created_at,
        claim_payments.check_date,

        -- amounts
        claim_payments.check_amount,

        -- attributes
        extensions.file_name,
        extensions.file_extension,
        claim_payments.carrier_name,
        claim_payments.check_number,

        -- flags
        (extensions.file_content_base64 is not null) as is_stored_in_database,

        -- codes
        case
            when extensions.file_extension = 'pdf' then 'pdf'
            when extensions.file_extension in ('{{ image_extensions | join("', '") }}') then 'image'
            when extensions.file_extension is not null then 'other'
            else 'unknown'
        end as file_type
    from extensions
    left join claim_payments
        on extensions.claim_payment_id = claim_payments.claim_payment_id
)

select * from final
