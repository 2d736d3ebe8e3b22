with source as (
    select * from {{ source('opendental', 'inssub') }}
),

renamed as (
    select
        -- ids
        inssubnum as insurance_subscriber_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('subscriber') }} as subscriber_patient_id,

        -- dates
        {{ od_date('dateeffective') }} as effective_date,
        {{ od_date('dateterm') }} as termination_date,

        -- attributes
        {{ od_text('subscriberid') }} as subscriber_member_id,
        {{ od_text('benefitnotes') }} as benefit_notes,
        {{ od_text('subscnote') }} as subscriber_note,

        -- flags
        {{ od_bool('releaseinfo') }} as is_information_release_signed,
        {{ od_bool('assignben') }} as is_benefit_assignment_signed,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
