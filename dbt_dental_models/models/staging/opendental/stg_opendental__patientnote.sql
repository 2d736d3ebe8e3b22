with source as (
    select * from {{ source('opendental', 'patientnote') }}
),

renamed as (
    select
        -- ids
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('usernumortholocked') }} as ortho_chart_locked_by_user_id,

        -- dates
        {{ od_date('dateorthoplacementoverride') }} as ortho_placement_override_date,

        -- attributes
        {{ od_text('famfinancial') }} as family_financial_note,
        {{ od_text('apptphone') }} as appointment_phone_note,
        {{ od_text('medical') }} as medical_summary,
        {{ od_text('service') }} as service_note,
        {{ od_text('medicalcomp') }} as medical_history,
        {{ od_text('treatment') }} as treatment_note,
        {{ od_text('icename') }} as emergency_contact_name,
        {{ od_text('icephone') }} as emergency_contact_phone,
        orthomonthstreatoverride as ortho_treatment_months_override,

        -- flags
        consent as consent_flags,
        {{ od_flag('consent', 1) }} as has_erx_medication_history_consent,

        -- codes
        pronoun as preferred_pronoun_code,
        {{ od_enum_label('patientnote', 'Pronoun', 'pronoun') }} as preferred_pronoun,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
