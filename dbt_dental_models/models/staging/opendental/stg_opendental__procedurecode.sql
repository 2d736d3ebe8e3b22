with source as (
    select * from {{ source('opendental', 'procedurecode') }}
),

renamed as (
    select
        -- ids
        codenum as procedure_code_id,
        {{ od_key('proccat') }} as procedure_category_definition_id,
        {{ od_key('provnumdefault') }} as default_provider_id,

        -- attributes
        {{ od_text('proccode') }} as procedure_code,
        {{ od_text('descript') }} as description,
        {{ od_text('abbrdesc') }} as abbreviation,
        {{ od_text('laymanterm') }} as layman_term,
        {{ od_text('proctime') }} as time_pattern,
        {{ od_text('defaultnote') }} as default_note,
        {{ od_text('defaultclaimnote') }} as default_claim_note,
        {{ od_text('defaulttpnote') }} as default_treatment_plan_note,
        gtypenum as legacy_g_type_number,
        {{ od_text('alternatecode1') }} as alternate_code_1,
        {{ od_text('medicalcode') }} as medical_code,
        {{ od_text('substitutioncode') }} as substitution_code,
        graphiccolor as graphic_color_argb,
        {{ od_text('painttext') }} as paint_text,
        baseunits as base_units,
        cast(canadatimeunits as {{ type_double() }}) as canada_time_units,
        {{ od_text('drugndc') }} as drug_ndc,
        {{ od_text('revenuecodedefault') }} as default_revenue_code,
        {{ od_text('diagnosticcodes') }} as default_diagnostic_codes,
        {{ od_text('taxcode') }} as tax_code,

        -- flags
        {{ od_bool('nobillins') }} as is_not_billed_to_insurance,
        {{ od_bool('isprosth') }} as is_prosthesis,
        {{ od_bool('ishygiene') }} as is_hygiene,
        {{ od_bool('istaxed') }} as is_taxed,
        {{ od_bool('iscanadianlab') }} as is_canadian_lab_fee,
        {{ od_bool('preexisting') }} as is_pre_existing,
        {{ od_bool('ismultivisit') }} as is_multi_visit,
        {{ od_bool('isradiology') }} as is_radiology,
        {{ od_bool('areaalsotoothrange') }} as is_tooth_range_also_allowed,

        -- codes
        treatarea as treatment_area_code,
        {{ od_enum_label('procedurecode', 'TreatArea', 'treatarea') }} as treatment_area,
        painttype as paint_type_code,
        {{ od_enum_label('procedurecode', 'PaintType', 'painttype') }} as paint_type,
        substonlyif as substitution_condition_code,
        {{ od_enum_label('procedurecode', 'SubstOnlyIf', 'substonlyif') }} as substitution_condition,
        bypassgloballock as lock_date_bypass_code,
        {{ od_enum_label('procedurecode', 'BypassGlobalLock', 'bypassgloballock') }} as lock_date_bypass,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
