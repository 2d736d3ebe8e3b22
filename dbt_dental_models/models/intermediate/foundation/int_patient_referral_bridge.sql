with

referral_attachments as (
    select * from {{ ref('stg_opendental__refattach') }}
),

referrals as (
    select * from {{ ref('stg_opendental__referral') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

directed as (
    select
        referral_attachments.*,
        case referral_attachments.referral_type_code
            when 1 then 'referred_from'
            when 0 then 'referred_to'
            else 'other'
        end as referral_direction
    from referral_attachments
),

-- OpenDental lists a patient's referrals by ItemOrder; the first "referred from" is the
-- patient's referral source on its reports.
ordered as (
    select
        directed.*,
        row_number() over (
            partition by patient_id
            order by display_order, referral_date, referral_attachment_id
        ) as patient_referral_order,
        row_number() over (
            partition by patient_id, referral_direction
            order by display_order, referral_date, referral_attachment_id
        ) as direction_order
    from directed
),

final as (
    select
        -- ids
        ordered.referral_attachment_id,
        ordered.patient_id,
        ordered.referral_id,
        ordered.procedure_id,
        ordered.referring_provider_id,

        -- dates
        ordered.referral_date,
        ordered.procedure_completed_date,

        -- attributes
        ordered.referral_direction,
        ordered.referral_type,
        ordered.referred_out_status,
        ordered.patient_referral_order,
        specialties.item_name as referral_specialty_name,

        -- flags
        (ordered.referral_direction = 'referred_from' and ordered.direction_order = 1)
            as is_primary_referral_source,
        coalesce(referrals.is_doctor, false) as is_referral_doctor,
        ordered.is_transition_of_care
    from ordered
    left join referrals
        on ordered.referral_id = referrals.referral_id
    left join definitions as specialties
        on referrals.specialty_definition_id = specialties.definition_id
)

select * from final
