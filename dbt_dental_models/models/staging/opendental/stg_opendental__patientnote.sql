with source as (
    select * from {{ source('opendental', 'patientnote') }}
),

renamed as (
    select
        -- ids
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('usernumortholocked') }} as user_num_ortho_locked_user_id,

        -- dates
        {{ od_date('dateorthoplacementoverride') }} as ortho_placement_override_date,

        -- attributes
        {{ od_text('famfinancial') }} as fam_financial,
        {{ od_text('apptphone') }} as appointment_phone,
        {{ od_text('medical') }} as medical,
        {{ od_text('service') }} as service,
        {{ od_text('medicalcomp') }} as medical_comp,
        {{ od_text('treatment') }} as treatment,
        {{ od_text('icename') }} as ice_name,
        {{ od_text('icephone') }} as ice_phone,
        orthomonthstreatoverride as ortho_months_treat_override,

        -- flags
        consent as consent_flags,
        {{ od_flag('consent', 1) }} as is_share_medication_history_erx,

        -- codes
        pronoun as pronoun_code,
        {{ od_enum_label('patientnote', 'Pronoun', 'pronoun') }} as pronoun,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
