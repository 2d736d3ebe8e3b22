{#- Labels of OpenDental codes stored as letters rather than enum integers, so they are not in
    the seed `opendental_enum_labels` (built from the integer enums). Each label is written once,
    here; the values are schema.json's (key_enums claim.ClaimStatus, claim.ClaimType, and the
    notes of insplan.PlanType). An unknown letter gets a null label, which the models' tests catch. -#}

{#- claim.ClaimStatus. A and P are retired but old rows can still carry them. -#}
{% macro od_claim_status_label(column) -%}
    case {{ column }}
        when 'U' then 'unsent'
        when 'H' then 'hold_until_primary_received'
        when 'W' then 'waiting_in_queue'
        when 'S' then 'sent'
        when 'R' then 'received'
        when 'I' then 'hold_for_in_process'
        when 'A' then 'adjustment'
        when 'P' then 'probably_sent'
    end
{%- endmacro %}

{#- claim.ClaimType, also copied into claimsnapshot and insbluebook. -#}
{% macro od_claim_type_label(column) -%}
    case {{ column }}
        when 'P' then 'primary'
        when 'S' then 'secondary'
        when 'PreAuth' then 'preauthorization'
        when 'Other' then 'other'
        when 'Cap' then 'capitation'
    end
{%- endmacro %}

{#- insplan.PlanType: '' is a real value there (a plain percentage plan), not "none". -#}
{% macro od_plan_type_label(column) -%}
    case coalesce({{ column }}, '')
        when '' then 'percentage'
        when 'p' then 'ppo_percentage'
        when 'f' then 'flat_copay'
        when 'c' then 'capitation'
    end
{%- endmacro %}
