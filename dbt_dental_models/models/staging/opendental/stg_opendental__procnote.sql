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

        -- flags (the signature's strokes stay in OpenDental: only whether there is one)
        ({{ od_text('signature') }} is not null) as is_signed,
        {{ od_bool('sigistopaz') }} as is_topaz_signature,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
