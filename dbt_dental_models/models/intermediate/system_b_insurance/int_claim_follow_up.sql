{%- set closing_statuses = var('claim_follow_up_closing_statuses') -%}

with

claims as (
    select * from {{ ref('int_claim_tracking') }}
),

tracking as (
    select * from {{ ref('stg_opendental__claimtracking') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

-- Every status change, named, numbered from the first and from the last per claim.
tracking_steps as (
    select
        tracking.claim_id,
        tracking.entered_at,
        statuses.item_name as tracking_status_name,
        errors.item_name as error_code_name,
        row_number() over (
            partition by tracking.claim_id order by tracking.entered_at, tracking.claim_tracking_id
        ) as step_from_first,
        row_number() over (
            partition by tracking.claim_id order by tracking.entered_at desc, tracking.claim_tracking_id desc
        ) as step_from_last
    from tracking
    left join definitions as statuses
        on tracking.tracking_status_definition_id = statuses.definition_id
    left join definitions as errors
        on tracking.error_code_definition_id = errors.definition_id
    where tracking.tracking_type_name = 'StatusHistory'
),

claim_steps as (
    select
        claim_id,
        cast(count(*) as bigint) as tracking_steps,
        min(entered_at) as first_tracked_at,
        max(entered_at) as last_tracked_at,
        max(case when step_from_last = 1 then tracking_status_name end) as latest_tracking_status_name,
        -- the first reason given (denial or rejection), whatever step it came with
        min(case when error_code_name is not null then step_from_first end) as first_reason_step
    from tracking_steps
    group by claim_id
),

first_reasons as (
    select
        tracking_steps.claim_id,
        tracking_steps.error_code_name
    from tracking_steps
    inner join claim_steps
        on tracking_steps.claim_id = claim_steps.claim_id
        and tracking_steps.step_from_first = claim_steps.first_reason_step
),

followed_claims as (
    select
        claims.*,
        claim_steps.tracking_steps,
        claim_steps.first_tracked_at,
        claim_steps.last_tracked_at,
        claim_steps.latest_tracking_status_name,
        first_reasons.error_code_name as reason_name
    from claims
    left join claim_steps
        on claims.claim_id = claim_steps.claim_id
    left join first_reasons
        on claims.claim_id = first_reasons.claim_id
    where claim_steps.claim_id is not null
        or claims.is_denied
        or claims.rejected_send_count > 0
        or claims.claim_status_code = 'I'
),

final as (
    select
        -- grain
        claim_id,

        -- ids
        carrier_id,
        clinic_id,
        patient_id,

        -- dates
        service_date,
        first_sent_date,
        last_sent_date,
        received_date,
        first_tracked_at,
        last_tracked_at,

        -- counts
        coalesce(tracking_steps, 0) as tracking_steps,
        send_count,

        -- amounts
        insurance_estimate_amount,
        insurance_paid_amount,

        -- attributes
        case
            when is_denied then 'denied'
            when rejected_send_count > 0 then 'rejected'
            when claim_status_code = 'I' then 'held_for_attachments'
            when is_outstanding then 'outstanding'
            else 'other'
        end as follow_up_reason,
        coalesce(reason_name, 'none given') as reason_name,
        latest_tracking_status_name,
        -- a denial's follow-up closes when its last step resubmits or appeals it
        case
            when is_denied and latest_tracking_status_name in ('{{ closing_statuses | join("', '") }}')
                then {{ dbt.datediff('received_date', 'cast(last_tracked_at as date)', 'day') }}
        end as days_to_resolution,

        -- flags
        (coalesce(tracking_steps, 0) > 0) as is_worked,
        coalesce(latest_tracking_status_name in ('{{ closing_statuses | join("', '") }}'), false) as is_closed,
        coalesce(latest_tracking_status_name = 'Appealed', false) as is_appealed,
        coalesce(send_count > 1 or last_sent_date > first_sent_date, false) as is_resent,
        is_denied,

        -- codes
        claim_type_code,
        claim_status_code
    from followed_claims
)

select * from final
