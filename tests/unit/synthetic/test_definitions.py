"""The practice's OpenDental definitions: every DefCat present, the lists the generator uses."""

from __future__ import annotations

from collections import Counter

import pytest

from dental_analytics.opendental import table
from dental_analytics.synthetic.catalog import CDT_CATEGORIES
from dental_analytics.synthetic.definitions import (
    DEFINITIONS,
    PROC_CODE_CATS,
    definition_nums,
    nums_in,
)

DEF_CAT = table("definition").column("Category").enum
VISIBLE = Counter(d.category for d in DEFINITIONS if not d.hidden)

# Visible items the generator needs at least, per category.
MINIMUM_VISIBLE = {
    "AdjTypes": 10,
    "ApptConfirmed": 7,
    "BillingTypes": 4,
    "PaymentTypes": 6,
    "InsurancePaymentType": 3,
    "CommLogTypes": 8,
    "RecallUnschedStatus": 4,
    "ImageCats": 8,
    "ProviderSpecialties": 9,
    "TxPriorities": 4,
    "Diagnosis": 1,
    "Prognosis": 1,
    "TaskPriorities": 3,
    "ClaimCustomTracking": 1,
    "ClaimPaymentTracking": 1,
    "ClaimPaymentGroups": 1,
    "PaySplitUnearnedType": 2,
    "BlockoutTypes": 1,
    "OperatoryTypes": 1,
    "Regions": 3,
    "InsuranceVerificationStatus": 1,
    "PayPlanCategories": 1,
    "TimeCardAdjTypes": 1,
    "TaskCategories": 1,
    "CarrierGroupNames": 1,
    "ProcCodeCats": 12,
}

REQUIRED_NAMES = {
    "AdjTypes": [
        "Senior discount",
        "Family discount",
        "Professional courtesy",
        "Bad debt write-off",
        "Small balance write-off",
        "Insurance write-off adjustment",
        "Refund",
        "Finance charge",
        "Billing charge",
    ],
    "ApptConfirmed": [
        "Not called",
        "Unconfirmed",
        "Texted",
        "Left message",
        "Confirmed",
        "Arrived",
        "Ready to go back",
    ],
    "BillingTypes": ["Standard account", "Collections", "Bad debt", "Insurance only"],
    "PaymentTypes": [
        "Check",
        "Cash",
        "Credit card",
        "Debit card",
        "Care credit",
        "Online payment",
    ],
    "InsurancePaymentType": ["Check", "EFT", "Virtual credit card"],
    "PaySplitUnearnedType": ["Prepayment", "Treatment plan prepayment"],
    "ProviderSpecialties": [
        "General dentist",
        "Hygienist",
        "Endodontist",
        "Periodontist",
        "Oral surgeon",
        "Orthodontist",
        "Pediatric dentist",
        "Prosthodontist",
        "Dental assistant",
    ],
}


def _visible(category: str) -> dict[str, str]:
    return {d.name: d.value for d in DEFINITIONS if d.category == category and not d.hidden}


def test_about_five_hundred_items() -> None:
    assert 460 <= len(DEFINITIONS) <= 540


def test_every_defcat_category_is_present() -> None:
    assert DEF_CAT is not None
    assert {d.category for d in DEFINITIONS} == {v.name for v in DEF_CAT.values}
    assert len(DEF_CAT.values) == 56


def test_listed_in_defcat_code_order() -> None:
    codes = [d.category_code for d in DEFINITIONS]
    assert codes == sorted(codes)


def test_no_duplicate_category_and_name() -> None:
    keys = [(d.category, d.name) for d in DEFINITIONS]
    assert len(keys) == len(set(keys))


def test_names_fit_the_column_and_colors_fit_an_int32() -> None:
    for d in DEFINITIONS:
        assert 0 < len(d.name.strip()) <= 255, d
        assert len(d.value) <= 255, d
        assert -(2**31) <= d.color < 2**31, d


@pytest.mark.parametrize(("category", "minimum"), sorted(MINIMUM_VISIBLE.items()))
def test_generator_categories_have_enough_visible_items(category: str, minimum: int) -> None:
    assert VISIBLE[category] >= minimum


@pytest.mark.parametrize(("category", "names"), sorted(REQUIRED_NAMES.items()))
def test_named_items_are_present_and_visible(category: str, names: list[str]) -> None:
    assert set(names) <= set(_visible(category))


def test_adjustment_signs() -> None:
    values = _visible("AdjTypes")
    assert set(values.values()) <= {"+", "-", "dp"}
    for name in ("Refund", "Finance charge", "Billing charge"):
        assert values[name] == "+"
    for name in ("Senior discount", "Bad debt write-off", "Small balance write-off"):
        assert values[name] == "-"


def test_item_values_follow_opendentals_rules() -> None:
    assert set(_visible("BillingTypes").values()) <= {"", "E", "C", "CE"}
    assert "E" in _visible("BillingTypes").values()
    assert set(_visible("PaymentTypes").values()) <= {"", "N"}
    assert set(_visible("InsurancePaymentType").values()) <= {"", "N"}
    assert all(len(v) <= 7 for v in _visible("RecallUnschedStatus").values())
    assert all(1 <= len(v) <= 2 for v in _visible("Diagnosis").values())
    assert all(len(name) <= 7 for name in _visible("TxPriorities"))
    task_flags = list(_visible("TaskPriorities").values())
    assert task_flags.count("D") == 1 and task_flags.count("R") == 1
    assert all(v.isdigit() for v in _visible("ClaimCustomTracking").values())


def test_commlog_usages_are_valid_and_used_once() -> None:
    usages = [v for v in _visible("CommLogTypes").values() if v]
    assert set(usages) >= {"APPT", "FIN", "RECALL", "MISC", "TEXT"}
    assert set(usages) <= {"APPT", "FIN", "RECALL", "MISC", "TEXT", "REACT"}
    assert len(usages) == len(set(usages))


def test_image_category_usage_flags() -> None:
    flags = list(_visible("ImageCats").values())
    assert all(set(f) <= set("XMFPSTRLACBUYN") for f in flags)
    for single in "PST":  # one category each for patient picture, statements, tooth chart
        assert sum(single in f for f in flags) == 1, single


def test_proc_code_cats_cover_each_cdt_category_once() -> None:
    labels = {label for _, _, label in CDT_CATEGORIES}
    assert set(PROC_CODE_CATS) == labels
    assert list(_visible("ProcCodeCats")) == list(PROC_CODE_CATS.values())


def test_definition_nums_number_in_tuple_order() -> None:
    nums = definition_nums(1000)
    assert len(nums) == len(DEFINITIONS)
    assert list(nums.values()) == list(range(1000, 1000 + len(DEFINITIONS)))
    first = DEFINITIONS[0]
    assert nums[(first.category, first.name)] == 1000


def test_nums_in_gives_visible_items_in_order() -> None:
    nums = definition_nums(7)
    adj = [d for d in DEFINITIONS if d.category == "AdjTypes"]
    assert any(d.hidden for d in adj)  # so leaving hidden items out is exercised
    expected = [nums[(d.category, d.name)] for d in adj if not d.hidden]
    assert nums_in("AdjTypes", 7) == expected
    assert nums_in("ClaimFormats") == []
    with pytest.raises(KeyError):
        nums_in("NoSuchCategory")
