with source as (
    select * from {{ source('opendental', 'claimsnapshot') }}
),

renamed as (
    select
        -- ids
        claimsnapshotnum as claim_snapshot_id,
        {{ od_key('claimprocnum') }} as claim_procedure_id,
        {{ od_key('procnum') }} as procedure_id,

        -- amounts
        {{ od_money('fee') }} as procedure_fee,
        {{ od_money('inspayest') }} as insurance_estimate_amount,
        {{ od_money('writeoff') }} as write_off_amount,

        -- codes
        {{ od_text('claimtype') }} as claim_type_code,
        {{ od_claim_type_label('claimtype') }} as claim_type,
        snapshottrigger as snapshot_trigger_code,
        {{ od_enum_label('claimsnapshot', 'SnapshotTrigger', 'snapshottrigger') }} as snapshot_trigger,

        -- metadata
        {{ od_timestamp('datetentry') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
