with source as (
    select * from {{ source('opendental', 'procedurecode') }}
),

renamed as (
    select
        -- ids
        codenum as procedure_code_id,
        {{ od_key('proccat') }} as procedure_cat_definition_id,
        {{ od_key('provnumdefault') }} as provider_num_default_provider_id,

        -- amounts
        {{ od_money('canadatimeunits') }} as canada_time_units_amount,

        -- attributes
        {{ od_text('proccode') }} as procedure_code,
        {{ od_text('descript') }} as descript,
        {{ od_text('abbrdesc') }} as abbr_desc,
        {{ od_text('proctime') }} as procedure_time,
        {{ od_text('defaultnote') }} as default_note,
        gtypenum as g_type_num,
        {{ od_text('alternatecode1') }} as alternate_code1,
        {{ od_text('medicalcode') }} as medical_code,
        graphiccolor as graphic_color,
        {{ od_text('laymanterm') }} as layman_term,
        baseunits as base_units,
        {{ od_text('substitutioncode') }} as substitution_code,
        {{ od_text('drugndc') }} as drug_ndc,
        {{ od_text('revenuecodedefault') }} as revenue_code_default,
        {{ od_text('defaultclaimnote') }} as default_claim_note,
        {{ od_text('defaulttpnote') }} as default_tp_note,
        {{ od_text('taxcode') }} as tax_code,
        {{ od_text('painttext') }} as paint_text,
        {{ od_text('diagnosticcodes') }} as diagnostic_codes,

        -- flags
        {{ od_bool('nobillins') }} as is_no_bill_insurance,
        {{ od_bool('isprosth') }} as is_prosth,
        {{ od_bool('ishygiene') }} as is_hygiene,
        {{ od_bool('istaxed') }} as is_taxed,
        {{ od_bool('iscanadianlab') }} as is_canadian_lab,
        {{ od_bool('preexisting') }} as is_pre_existing,
        {{ od_bool('ismultivisit') }} as is_multi_visit,
        {{ od_bool('isradiology') }} as is_radiology,
        {{ od_bool('areaalsotoothrange') }} as is_area_also_tooth_range,

        -- codes
        treatarea as treat_area_code,
        {{ od_enum_label('procedurecode', 'TreatArea', 'treatarea') }} as treat_area,
        painttype as paint_type_code,
        {{ od_enum_label('procedurecode', 'PaintType', 'painttype') }} as paint_type,
        substonlyif as subst_only_if_code,
        {{ od_enum_label('procedurecode', 'SubstOnlyIf', 'substonlyif') }} as subst_only_if,
        bypassgloballock as bypass_global_lock_code,
        {{ od_enum_label('procedurecode', 'BypassGlobalLock', 'bypassgloballock') }} as bypass_global_lock,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
