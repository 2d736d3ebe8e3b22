with source as (
    select * from {{ source('opendental', 'patplan') }}
),

renamed as (
    select
        -- ids
        patplannum as patient_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,

        -- attributes
        ordinal as coverage_ordinal,
        {{ od_text('patid') }} as patient_member_id,
        {{ od_money('orthoautofeebilledoverride') }} as ortho_auto_fee_billed_override_amount,

        -- dates
        {{ od_date('orthoautonextclaimdate') }} as ortho_auto_next_claim_date,

        -- flags
        {{ od_bool('ispending') }} as is_pending,

        -- codes
        relationship as relationship_code,
        {{ od_enum_label('patplan', 'Relationship', 'relationship') }} as relationship,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
