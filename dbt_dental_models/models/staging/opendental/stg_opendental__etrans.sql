with source as (
    select * from {{ source('opendental', 'etrans') }}
),

renamed as (
    select
        -- ids
        etransnum as electronic_transaction_id,
        {{ od_key('acketransnum') }} as acknowledgement_electronic_transaction_id,
        {{ od_key('claimnum') }} as claim_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,
        {{ od_key('carriernum') }} as carrier_id,
        {{ od_key('carriernum2') }} as secondary_carrier_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('clearinghousenum') }} as clearinghouse_id,
        {{ od_key('etransmessagetextnum') }} as message_text_id,

        -- dates
        {{ od_timestamp('datetimetrans') }} as transaction_at,

        -- attributes
        batchnumber as batch_number,
        transsetnum as transaction_set_number,
        {{ od_text('transetid835') }} as era_transaction_set_id,
        {{ od_text('ackcode') }} as acknowledgement_code,
        {{ od_text('note') }} as note,
        {{ od_text('carriernameraw') }} as carrier_name_raw,
        {{ od_text('patientnameraw') }} as patient_name_raw,
        officesequencenumber as office_sequence_number,
        carriertranscounter as carrier_transaction_counter,
        carriertranscounter2 as secondary_carrier_transaction_counter,

        -- codes
        etype as transaction_type_code,
        {{ od_enum_label('etrans', 'Etype', 'etype') }} as transaction_type,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
