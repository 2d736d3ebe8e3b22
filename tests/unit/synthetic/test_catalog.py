"""The practice's procedure codes: shape, CDT categories, and the frequency calibration."""

from __future__ import annotations

from collections import Counter

import pytest

from dental_analytics.opendental import table
from dental_analytics.synthetic.catalog import CDT_CATEGORIES, PROCEDURE_CODES, category_of

LABELS = [label for _, _, label in CDT_CATEGORIES]


def _count_shares() -> dict[str, float]:
    """Share of performed procedures, by count, in each CDT category."""
    weights: Counter[str] = Counter()
    for spec in PROCEDURE_CODES:
        weights[category_of(spec.code)] += spec.weight
    total = sum(weights.values())
    return {label: weights[label] / total for label in LABELS}


def test_two_hundred_unique_codes_in_order() -> None:
    codes = [spec.code for spec in PROCEDURE_CODES]
    assert len(codes) == 200
    assert len(set(codes)) == 200
    assert codes == sorted(codes)


def test_every_cdt_category_has_codes() -> None:
    present = Counter(category_of(spec.code) for spec in PROCEDURE_CODES)
    assert set(present) == set(LABELS)


def test_broken_appointment_codes_are_kept_at_no_fee() -> None:
    by_code = {spec.code: spec for spec in PROCEDURE_CODES}
    for code in ("D9986", "D9987"):
        assert by_code[code].fee == 0
        assert not by_code[code].is_hygiene


def test_names_and_abbreviations_fit_the_procedurecode_columns() -> None:
    abbr_limit = 50  # procedurecode.AbbrDesc is varchar(50)
    for spec in PROCEDURE_CODES:
        assert 0 < len(spec.name.strip()) <= 100, spec.code
        assert 0 < len(spec.abbr.strip()) <= abbr_limit, spec.code


def test_values_are_plausible() -> None:
    areas = table("procedurecode").column("TreatArea").enum
    paints = table("procedurecode").column("PaintType").enum
    assert areas is not None and paints is not None
    for spec in PROCEDURE_CODES:
        assert spec.fee >= 0, spec.code
        assert spec.minutes > 0 and spec.minutes % 10 == 0, spec.code
        assert spec.weight >= 0, spec.code
        assert spec.treat_area in areas.codes, spec.code
        assert spec.paint_type in paints.codes, spec.code
    assert sum(spec.weight > 0 for spec in PROCEDURE_CODES) >= 120


def test_hygiene_flags_the_hygienists_codes_only() -> None:
    by_code = {spec.code: spec for spec in PROCEDURE_CODES}
    for code in ("D1110", "D1120", "D1206", "D1208", "D1351", "D4341", "D4342", "D4355", "D4910"):
        assert by_code[code].is_hygiene, code
    for code in ("D0120", "D0150", "D2392", "D2740", "D7140"):
        assert not by_code[code].is_hygiene, code


def test_diagnostic_then_preventive_then_restorative_by_count() -> None:
    shares = _count_shares()
    ranked = sorted(shares, key=shares.__getitem__, reverse=True)
    assert ranked[:3] == ["diagnostic", "preventive", "restorative"]
    assert shares["diagnostic"] + shares["preventive"] > 0.6


def test_hygiene_codes_make_about_a_quarter_of_production_dollars() -> None:
    dollars = sum(spec.weight * spec.fee for spec in PROCEDURE_CODES)
    hygiene = sum(spec.weight * spec.fee for spec in PROCEDURE_CODES if spec.is_hygiene)
    assert 0.20 <= hygiene / dollars <= 0.35


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("D0100", "diagnostic"),
        ("D0999", "diagnostic"),
        ("D1110", "preventive"),
        ("D2999", "restorative"),
        ("D3330", "endodontics"),
        ("D4910", "periodontics"),
        ("D5899", "removable_prosthodontics"),
        ("D5900", "maxillofacial_prosthetics"),
        ("D6199", "implant_services"),
        ("D6200", "fixed_prosthodontics"),
        ("D7140", "oral_and_maxillofacial_surgery"),
        ("D8090", "orthodontics"),
        ("D9986", "adjunctive_general_services"),
    ],
)
def test_category_of_follows_the_cdt_ranges(code: str, label: str) -> None:
    assert category_of(code) == label


@pytest.mark.parametrize("code", ["D0001", "D0099", "d0120", "D012", "0120", "D01200", "Z9999"])
def test_category_of_rejects_codes_outside_the_ranges(code: str) -> None:
    with pytest.raises(ValueError, match="CDT category"):
        category_of(code)
