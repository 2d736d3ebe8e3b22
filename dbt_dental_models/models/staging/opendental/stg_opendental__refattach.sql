with source as (
    select * from {{ source('opendental', 'refattach') }}
),

renamed as (
    select
        -- ids
        refattachnum as referral_attachment_id,
        {{ od_key('referralnum') }} as referral_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('provnum') }} as referring_provider_id,

        -- dates
        {{ od_date('refdate') }} as referral_date,
        {{ od_date('dateproccomplete') }} as procedure_completed_date,

        -- attributes
        itemorder as display_order,
        {{ od_text('note') }} as note,

        -- flags
        {{ od_bool('istransitionofcare') }} as is_transition_of_care,

        -- codes
        reftype as referral_type_code,
        {{ od_enum_label('refattach', 'RefType', 'reftype') }} as referral_type,
        reftostatus as referred_out_status_code,
        {{ od_enum_label('refattach', 'RefToStatus', 'reftostatus') }} as referred_out_status,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
