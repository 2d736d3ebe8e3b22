with source as (
    select * from {{ source('opendental', 'insverifyhist') }}
),

renamed as (
    select
        -- ids
        insverifyhistnum as insurance_verification_history_id,
        {{ od_key('insverifynum') }} as insurance_verification_id,
        {{ od_key('fkey') }} as verified_row_id,
        -- FKey points at a plan or at a patient's coverage, depending on VerifyType
        case when verifytype = 1 then {{ od_key('fkey') }} end as insurance_plan_id,
        case when verifytype = 2 then {{ od_key('fkey') }} end as patient_plan_id,
        {{ od_key('usernum') }} as assigned_user_id,
        {{ od_key('verifyusernum') }} as verified_by_user_id,
        {{ od_key('defnum') }} as verification_status_definition_id,

        -- dates
        {{ od_date('datelastverified') }} as verified_date,
        {{ od_date('datelastassigned') }} as last_assigned_date,

        -- attributes
        cast(hoursavailableforverification as {{ type_double() }}) as hours_available_for_verification,
        {{ od_text('note') }} as note,

        -- codes
        verifytype as verification_type_code,
        {{ od_enum_label('insverifyhist', 'VerifyType', 'verifytype') }} as verification_type,

        -- metadata
        {{ od_timestamp('datetimeentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
