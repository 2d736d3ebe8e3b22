with source as (
    select * from {{ source('opendental', 'procnote') }}
),

renamed as (
    select
        -- ids
        procnotenum as procedure_note_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('usernum') }} as user_id,

        -- dates
        {{ od_timestamp('entrydatetime') }} as entered_at,

        -- attributes
        {{ od_text('note') }} as note,
        ({{ od_text('signature') }} is not null) as is_signed,

        -- flags
        {{ od_bool('sigistopaz') }} as is_topaz_signature,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
