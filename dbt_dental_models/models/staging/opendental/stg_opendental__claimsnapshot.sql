with source as (
    select * from {{ source('opendental', 'claimsnapshot') }}
),

renamed as (
    select
        -- ids
        claimsnapshotnum as claim_snapshot_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('claimprocnum') }} as claim_procedure_id,

        -- dates
        {{ od_timestamp('datetentry') }} as entry_at,

        -- amounts
        {{ od_money('writeoff') }} as writeoff_amount,
        {{ od_money('inspayest') }} as insurance_pay_est_amount,
        {{ od_money('fee') }} as fee_amount,

        -- attributes
        {{ od_text('claimtype') }} as claim_type,

        -- codes
        snapshottrigger as snapshot_trigger_code,
        {{ od_enum_label('claimsnapshot', 'SnapshotTrigger', 'snapshottrigger') }} as snapshot_trigger,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
