with source as (
    select * from {{ source('opendental', 'etrans') }}
),

renamed as (
    select
        -- ids
        etransnum as electronic_transaction_id,
        {{ od_key('clearinghousenum') }} as clearing_house_clearinghouse_id,
        {{ od_key('claimnum') }} as claim_id,
        {{ od_key('carriernum') }} as carrier_id,
        {{ od_key('carriernum2') }} as carrier_num2_carrier_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('etransmessagetextnum') }} as etrans_message_text_etransmessagetext_id,
        {{ od_key('acketransnum') }} as ack_etrans_electronic_transaction_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,
        {{ od_key('usernum') }} as user_id,

        -- dates
        {{ od_timestamp('datetimetrans') }} as trans_at,

        -- attributes
        officesequencenumber as office_sequence_number,
        carriertranscounter as carrier_trans_counter,
        carriertranscounter2 as carrier_trans_counter2,
        batchnumber as batch_number,
        {{ od_text('ackcode') }} as ack_code,
        transsetnum as trans_set_num,
        {{ od_text('note') }} as note,
        {{ od_text('transetid835') }} as tran_set_id835,
        {{ od_text('carriernameraw') }} as carrier_name_raw,
        {{ od_text('patientnameraw') }} as patient_name_raw,

        -- codes
        etype as etype_code,
        {{ od_enum_label('etrans', 'Etype', 'etype') }} as etype,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
