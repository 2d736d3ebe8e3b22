"""Practice-wide configuration shared by every office: codes, fees, definitions, carriers, plans.

These tables do not grow with `--scale`: a practice group keeps one code list, one set of fee
schedules and one list of carriers however many offices it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.catalog import PROCEDURE_CODES, category_of
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Bools, Calendar, Floats, Ints, KeyCounter, at_minute
from dental_analytics.synthetic.definitions import DEFINITIONS, definition_nums
from dental_analytics.synthetic.fees import FeeTable
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.params import (
    ANNUAL_MAX_CHOICES,
    CARRIERS,
    COVERAGE_PERCENT,
    DEDUCTIBLE_CHOICES,
    INSURANCE_PLANS,
    PPO_PLAN_SHARE,
)

# Fee schedules: the office's own fees, the PPO allowed fees, and a cash-discount schedule.
FEE_SCHEDULES = (("Standard", 1.0), ("PPO allowed", 0.78), ("Cash discount", 0.9))
STANDARD, PPO, CASH = 0, 1, 2
# Only the office's own schedule is localised (fees by clinic and provider, `offices`'
# `set_fee_overrides`); the PPO's and the cash schedule hold one fee per code for every office.
LOCALISED_SCHEDULES = (STANDARD,)

# Coverage category of each CDT category, as dental plans pay them (100/80/50).
COVERAGE_OF_CATEGORY = {
    "diagnostic": "diagnostic",
    "preventive": "preventive",
    "restorative": "basic",
    "endodontics": "basic",
    "periodontics": "basic",
    "oral_and_maxillofacial_surgery": "basic",
    "adjunctive_general_services": "basic",
    "removable_prosthodontics": "major",
    "maxillofacial_prosthetics": "major",
    "implant_services": "major",
    "fixed_prosthodontics": "major",
    "orthodontics": "major",
}
COVERAGE_LEVELS = tuple(COVERAGE_PERCENT)


# The code each coinsurance benefit row names its coverage level by (OpenDental's benefits name a
# procedure code or a category; a crown stands for major work although its CDT category is
# restorative).
BENEFIT_CODE_OF_LEVEL = {
    "diagnostic": "D0120",
    "preventive": "D1110",
    "basic": "D2391",
    "major": "D2740",
}


def coverage_of_code(code: str) -> str:
    """The coverage level (one of COVERAGE_LEVELS) a plan pays a CDT code at, by its category."""
    return COVERAGE_OF_CATEGORY[category_of(code)]


PROGRAMS = (
    ("Dexis", "Dexis imaging bridge", (("Enter 0 to use PatientNum, or 1 to use ChartNum", "0"),)),
    (
        "Apteryx",
        "XVWeb imaging bridge",
        (("Enter 0 to use PatientNum, or 1 to use ChartNum", "0"),),
    ),
    ("Schick", "Schick CDR imaging", (("Schick version 4 or 5", "5"),)),
    ("Sirona", "Sirona Sidexis", (("Sidexis Version", "4"),)),
    ("PayConnect", "Card processing", (("Username", "office"), ("Payment Type", "Credit card"))),
    (
        "XCharge",
        "Card processing terminal",
        (("Username", "office"), ("Payment Type", "Credit card")),
    ),
    ("Podium", "Review requests", (("Enter your Podium account", "practice"),)),
    ("eRx", "Electronic prescriptions", (("Disable Advertising", "1"),)),
    ("Trojan", "Benefit lookup", (("Trojan path", "C:\\Trojan\\"),)),
    ("PracticeWebReports", "Reporting export", (("Export path", "C:\\Reports\\"),)),
    ("Carestream", "Carestream imaging", (("Image folder", "C:\\CS\\"),)),
    ("Planmeca", "Romexis imaging", (("Romexis path", "C:\\Romexis\\"),)),
    ("VixWin", "VixWin imaging", (("Image Path", "C:\\VixWin\\"),)),
    ("Tigerview", "TigerView imaging", (("Tiger1.ini path", "C:\\Tiger\\"),)),
    ("DentalEye", "Dental Eye imaging", (("Username", "dentaleye"),)),
    ("iCat", "3D imaging", (("Acquisition computer name", "PANO1"),)),
)

RECALL_TYPES = (
    # (description, interval in months, procedure codes, time pattern)
    ("Prophy", 6, "D0120,D1110", "//XXXX//"),
    ("Child Prophy", 6, "D0120,D1120,D1206", "//XX//"),
    ("Perio", 4, "D4910,D0120", "//XXXXXX//"),
    ("4BW", 12, "D0274", ""),
    ("Pano", 60, "D0330", ""),
    ("FMX", 36, "D0210", ""),
)
APPOINTMENT_TYPES = (
    ("New patient", "D0150,D0210,D1110"),
    ("Recall", "D0120,D1110"),
    ("Perio maintenance", "D4910"),
    ("Restorative", ""),
    ("Crown seat", ""),
    ("Emergency", "D0140"),
    ("Consult", "D9310"),
)
TASK_LISTS = (
    "Front desk",
    "Insurance",
    "Billing",
    "Clinical",
    "Treatment coordinator",
    "Office manager",
)


def interval_months(months: int) -> int:
    """OpenDental's packed Interval: years<<24 | months<<16 | weeks<<8 | days."""
    return (months // 12) << 24 | (months % 12) << 16


@dataclass(frozen=True)
class ProcedureCodes:
    code_num: Ints
    proc_code: np.ndarray
    category: np.ndarray
    coverage: np.ndarray  # diagnostic / preventive / basic / major
    is_hygiene: np.ndarray
    minutes: Ints
    base_units: Ints
    weight: Floats
    fee: Floats  # shape (fee schedules, codes)

    def num(self, code: str) -> int:
        return int(self.code_num[np.flatnonzero(self.proc_code == code)[0]])

    def index(self, code: str) -> int:
        return int(np.flatnonzero(self.proc_code == code)[0])


@dataclass(frozen=True)
class Practice:
    """The practice-wide keys and facts the per-office generation needs."""

    codes: ProcedureCodes
    fee_sched_num: Ints  # by STANDARD / PPO / CASH
    fees: FeeTable  # the schedules' default fees (each unit adds its overrides, `Offices.fees`)
    definitions: dict[tuple[str, str], int]
    hidden_defs: frozenset[int]
    carrier_num: Ints
    carrier_name: np.ndarray
    plan_num: Ints
    plan_carrier: Ints
    plan_is_ppo: np.ndarray
    plan_group_num: np.ndarray
    plan_fee_sched: Ints
    plan_coverage: Ints  # shape (plans, coverage levels): percent paid
    plan_is_medicaid: Bools  # per plan: files as Medicaid (Medicaid and CHIP); set by the payers
    employer_num: Ints
    recall_type_num: Ints
    appointment_type_num: Ints
    program_num: Ints
    task_list_num: Ints
    admin_user_num: int
    # Set once the payers are known (`payers.with_payers`): each plan's type letter ('' category
    # percentage, 'p' PPO, 'f' flat copay, 'c' capitation) and its allowed-fee schedule (0 none).
    plan_type: np.ndarray | None = None
    plan_allowed_fee_sched: Ints | None = None

    @property
    def plan_is_capitation(self) -> np.ndarray:
        """Per plan: a capitation (DHMO) plan, paid per member per month, not per claim."""
        if self.plan_type is None:
            return np.zeros(len(self.plan_num), bool)
        return np.asarray(self.plan_type == "c", dtype=bool)

    def defs(self, category: str) -> Ints:
        """DefNums of the category's visible items, in the practice's order."""
        return np.array(
            [
                n
                for (c, _), n in self.definitions.items()
                if c == category and n not in self.hidden_defs
            ],
            dtype=np.int64,
        )

    def def_num(self, category: str, name: str) -> int:
        return self.definitions[(category, name)]


def build_practice(
    cal: Calendar, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> Practice:
    """Generate the practice-wide tables into `out` and return their keys."""
    setup = at_minute(np.array([cal.start - np.timedelta64(400, "D")]), 9 * 60)[0]

    # --- users: the practice's administrator (office staff come with each office) ----------------
    admin = keys.take("userod", 1)
    users = Frame("userod", 1)
    users.update(
        {
            "UserNum": admin,
            "UserName": "admin",
            "UserGroupNum": 1,
            "PasswordIsStrong": 1,
            "DateTLastLogin": at_minute(np.array([cal.today]), 8 * 60),
        }
    )
    out.add(users)
    admin_num = int(admin[0])

    # --- definitions ------------------------------------------------------------------------------
    category_enum = table("definition").enum("Category")
    assert category_enum is not None
    nums = definition_nums(keys.take("definition", len(DEFINITIONS))[0])
    d = Frame("definition", len(DEFINITIONS))
    order: dict[str, int] = {}
    item_order = []
    for spec in DEFINITIONS:
        item_order.append(order.get(spec.category, 0))
        order[spec.category] = item_order[-1] + 1
    d.update(
        {
            "DefNum": np.array(list(nums.values()), dtype=np.int64),
            "Category": np.array([category_enum.code(s.category) for s in DEFINITIONS]),
            "ItemOrder": np.array(item_order),
            "ItemName": np.array([s.name for s in DEFINITIONS], dtype=object),
            "ItemValue": np.array([s.value for s in DEFINITIONS], dtype=object),
            "ItemColor": np.array([s.color for s in DEFINITIONS]),
            "IsHidden": np.array([int(s.hidden) for s in DEFINITIONS]),
        }
    )
    out.add(d)

    # --- procedure codes --------------------------------------------------------------------------
    n_codes = len(PROCEDURE_CODES)
    code_num = keys.take("procedurecode", n_codes)
    categories = np.array([category_of(c.code) for c in PROCEDURE_CODES], dtype=object)
    proc_cat_names = [name for (cat, name) in nums if cat == "ProcCodeCats"]
    category_order = list(dict.fromkeys(COVERAGE_OF_CATEGORY))
    proc_cat = np.array(
        [
            nums[("ProcCodeCats", proc_cat_names[category_order.index(c) % len(proc_cat_names)])]
            for c in categories
        ]
    )
    minutes = np.array([c.minutes for c in PROCEDURE_CODES], dtype=np.int64)
    pc = Frame("procedurecode", n_codes)
    pc.update(
        {
            "CodeNum": code_num,
            "ProcCode": np.array([c.code for c in PROCEDURE_CODES], dtype=object),
            "Descript": np.array([c.name for c in PROCEDURE_CODES], dtype=object),
            "AbbrDesc": np.array([c.abbr for c in PROCEDURE_CODES], dtype=object),
            "ProcTime": np.array(
                ["/" + "X" * max(1, m // 5 - 2) + "/" for m in minutes], dtype=object
            ),
            "ProcCat": proc_cat,
            "TreatArea": np.array([c.treat_area for c in PROCEDURE_CODES]),
            "PaintType": np.array([c.paint_type for c in PROCEDURE_CODES]),
            "IsHygiene": np.array([int(c.is_hygiene) for c in PROCEDURE_CODES]),
            "IsProsth": np.isin(
                categories, ["fixed_prosthodontics", "removable_prosthodontics"]
            ).astype(int),
            "IsRadiology": np.array(
                [
                    c.code in {"D0210", "D0220", "D0230", "D0272", "D0274", "D0330"}
                    for c in PROCEDURE_CODES
                ]
            ).astype(int),
            "BaseUnits": np.array([c.base_units for c in PROCEDURE_CODES]),
            "LaymanTerm": np.array([c.name for c in PROCEDURE_CODES], dtype=object),
            "NoBillIns": np.array([int(c.code in {"D9986", "D9987"}) for c in PROCEDURE_CODES]),
        }
    )
    pc.stamp(np.full(n_codes, setup))
    out.add(pc)

    # --- fee schedules and fees -------------------------------------------------------------------
    fee_sched_num = keys.take("feesched", len(FEE_SCHEDULES))
    fs = Frame("feesched", len(FEE_SCHEDULES))
    fs.update(
        {
            "FeeSchedNum": fee_sched_num,
            "Description": np.array([n for n, _ in FEE_SCHEDULES], dtype=object),
            "FeeSchedType": 0,
            "ItemOrder": np.arange(len(FEE_SCHEDULES)),
            # A global schedule cannot hold clinic or provider fees (OpenDental's IsGlobal).
            "IsGlobal": (~np.isin(np.arange(len(FEE_SCHEDULES)), LOCALISED_SCHEDULES)).astype(int),
            "SecUserNumEntry": admin_num,
        }
    )
    fs.stamp(np.full(len(FEE_SCHEDULES), setup))
    out.add(fs)

    base_fee = np.array([c.fee for c in PROCEDURE_CODES])
    fee = np.round(np.outer([f for _, f in FEE_SCHEDULES], base_fee), 0)
    n_fees = fee.size
    no_one = np.zeros(n_fees, np.int64)
    default_fees = FeeTable(
        np.repeat(fee_sched_num, n_codes),
        np.tile(code_num, len(FEE_SCHEDULES)),
        no_one,
        no_one,
        fee.ravel(),
    )
    out.add(default_fees.frame(keys, admin_num, setup))
    codes = ProcedureCodes(
        code_num=code_num,
        proc_code=np.array([c.code for c in PROCEDURE_CODES], dtype=object),
        category=categories,
        coverage=np.array([coverage_of_code(c.code) for c in PROCEDURE_CODES], dtype=object),
        is_hygiene=np.array([c.is_hygiene for c in PROCEDURE_CODES]),
        minutes=minutes,
        base_units=np.array([c.base_units for c in PROCEDURE_CODES], dtype=np.int64),
        weight=np.array([c.weight for c in PROCEDURE_CODES]),
        fee=fee,
    )

    # --- employers ----------------------------------------------------------------------------
    n_emp = 40
    employer_num = keys.take("employer", n_emp)
    city = rng.integers(0, len(names.CITIES), n_emp)
    e = Frame("employer", n_emp)
    e.update(
        {
            "EmployerNum": employer_num,
            "EmpName": names.join(
                " ",
                names.pick(rng, names.COMPANY_WORDS, n_emp),
                names.pick(rng, names.COMPANY_KINDS, n_emp),
            ),
            "Address": names.street_addresses(rng, n_emp),
            "City": np.array([names.CITIES[i][0] for i in city], dtype=object),
            "State": names.STATE,
            "Zip": np.array([names.CITIES[i][1] for i in city], dtype=object),
            "Phone": names.phone_numbers(rng, n_emp),
        }
    )
    out.add(e)

    # --- carriers and plans -----------------------------------------------------------------------
    carrier_num = keys.take("carrier", CARRIERS)
    carrier_names = [
        f"{w} Dental {k}"
        for w, k in zip(
            names.COMPANY_WORDS[:CARRIERS],
            ("Benefits", "Plans", "Insurance", "Mutual", "Assurance") * 3,
            strict=True,
        )
    ]
    city = rng.integers(0, len(names.CITIES), CARRIERS)
    c = Frame("carrier", CARRIERS)
    c.update(
        {
            "CarrierNum": carrier_num,
            "CarrierName": np.array(carrier_names, dtype=object),
            "Address": names.street_addresses(rng, CARRIERS),
            "City": np.array([names.CITIES[i][0] for i in city], dtype=object),
            "State": names.STATE,
            "Zip": np.array([names.CITIES[i][1] for i in city], dtype=object),
            "Phone": names.phone_numbers(rng, CARRIERS),
            "ElectID": np.array([f"{60000 + 37 * i:05d}" for i in range(CARRIERS)], dtype=object),
            "TIN": np.array(
                [f"9{rng.integers(10_000_000, 99_999_999)}" for _ in range(CARRIERS)], dtype=object
            ),
            "CarrierGroupName": rng.choice(
                np.array(
                    list(
                        dict.fromkeys(
                            n for (cat, _), n in nums.items() if cat == "CarrierGroupNames"
                        )
                    )
                ),
                CARRIERS,
            ),
            "SecUserNumEntry": admin_num,
        }
    )
    c.stamp(np.full(CARRIERS, setup))
    out.add(c)

    plan_num = keys.take("insplan", INSURANCE_PLANS)
    plan_carrier = carrier_num[np.arange(INSURANCE_PLANS) % CARRIERS]
    plan_is_ppo = rng.random(INSURANCE_PLANS) < PPO_PLAN_SHARE
    plan_fee_sched = np.where(plan_is_ppo, fee_sched_num[PPO], 0)
    plan_employer = rng.choice(employer_num, INSURANCE_PLANS, replace=False)
    billing_standard = nums[next(k for k in nums if k[0] == "BillingTypes")]
    plan_group_num = np.array(
        [f"G{rng.integers(100000, 999999)}" for _ in range(INSURANCE_PLANS)], dtype=object
    )
    ip = Frame("insplan", INSURANCE_PLANS)
    ip.update(
        {
            "PlanNum": plan_num,
            "GroupName": np.array(
                [f"Group plan {i + 1}" for i in range(INSURANCE_PLANS)], dtype=object
            ),
            "GroupNum": plan_group_num,
            "FeeSched": plan_fee_sched,
            "PlanType": np.where(plan_is_ppo, "p", "").astype(object),
            # Out-of-network plans learn their payments from the blue book; PPO plans write off
            # the difference on downgraded (substituted) codes, OpenDental's default.
            "IsBlueBookEnabled": (~plan_is_ppo).astype(int),
            "HasPpoSubstWriteoffs": 1,
            "EmployerNum": plan_employer,
            "CarrierNum": plan_carrier,
            "MonthRenew": np.where(
                rng.random(INSURANCE_PLANS) < 0.8, 1, rng.integers(1, 13, INSURANCE_PLANS)
            ),
            "CobRule": 1,
            "BillingType": billing_standard,
            "SecUserNumEntry": admin_num,
        }
    )
    ip.stamp(np.full(INSURANCE_PLANS, setup))
    out.add(ip)

    # Coverage percentages per plan and level; a few plans are richer or leaner than the norm.
    base = np.array([COVERAGE_PERCENT[k] for k in COVERAGE_LEVELS])
    plan_coverage = np.tile(base, (INSURANCE_PLANS, 1))
    lean = rng.random(INSURANCE_PLANS) < 0.25
    plan_coverage[lean, 2] = 70
    plan_coverage[lean, 0] = np.where(rng.random(lean.sum()) < 0.5, 80, 100)

    # --- benefits: a percentage per coverage level, a deductible and an annual maximum per plan ----
    rep_code = {lvl: codes.num(BENEFIT_CODE_OF_LEVEL[lvl]) for lvl in COVERAGE_LEVELS}
    rows = INSURANCE_PLANS * (len(COVERAGE_LEVELS) + 2)
    btype = table("benefit").enum("BenefitType")
    assert btype is not None
    b = Frame("benefit", rows)
    per_plan = len(COVERAGE_LEVELS) + 2
    b.update(
        {
            "BenefitNum": keys.take("benefit", rows),
            "PlanNum": np.repeat(plan_num, per_plan),
            "BenefitType": np.tile(
                [btype.code("CoInsurance")] * len(COVERAGE_LEVELS)
                + [btype.code("Deductible"), btype.code("Limitations")],
                INSURANCE_PLANS,
            ),
            "Percent": np.column_stack([plan_coverage, np.full((INSURANCE_PLANS, 2), -1)]).ravel(),
            "MonetaryAmt": np.column_stack(
                [
                    np.full((INSURANCE_PLANS, len(COVERAGE_LEVELS)), -1.0),
                    rng.choice(DEDUCTIBLE_CHOICES, INSURANCE_PLANS),
                    rng.choice(ANNUAL_MAX_CHOICES, INSURANCE_PLANS),
                ]
            ).ravel(),
            "TimePeriod": 2,  # calendar year
            "CodeNum": np.tile(
                [rep_code[lvl] for lvl in COVERAGE_LEVELS] + [0, 0], INSURANCE_PLANS
            ),
            "CoverageLevel": np.tile([0] * len(COVERAGE_LEVELS) + [1, 1], INSURANCE_PLANS),
        }
    )
    b.stamp(np.full(rows, setup))
    out.add(b)

    # --- zip codes of the practice's area ---------------------------------------------------------
    nz = len(names.CITIES)
    z = Frame("zipcode", nz)
    z.update(
        {
            "ZipCodeNum": keys.take("zipcode", nz),
            "ZipCodeDigits": np.array([zc for _, zc in names.CITIES], dtype=object),
            "City": np.array([ct for ct, _ in names.CITIES], dtype=object),
            "State": names.STATE,
            "IsFrequent": (np.arange(nz) < 16).astype(int),
        }
    )
    out.add(z)

    # --- recall types, appointment types, programs, task lists ------------------------------------
    recall_type_num = keys.take("recalltype", len(RECALL_TYPES))
    rt = Frame("recalltype", len(RECALL_TYPES))
    rt.update(
        {
            "RecallTypeNum": recall_type_num,
            "Description": np.array([r[0] for r in RECALL_TYPES], dtype=object),
            "DefaultInterval": np.array([interval_months(r[1]) for r in RECALL_TYPES]),
            "Procedures": np.array([r[2] for r in RECALL_TYPES], dtype=object),
            "TimePattern": np.array([r[3] for r in RECALL_TYPES], dtype=object),
        }
    )
    out.add(rt)

    appointment_type_num = keys.take("appointmenttype", len(APPOINTMENT_TYPES))
    at = Frame("appointmenttype", len(APPOINTMENT_TYPES))
    at.update(
        {
            "AppointmentTypeNum": appointment_type_num,
            "AppointmentTypeName": np.array([a[0] for a in APPOINTMENT_TYPES], dtype=object),
            "AppointmentTypeColor": rng.integers(-16_777_216, -1, len(APPOINTMENT_TYPES)),
            "ItemOrder": np.arange(len(APPOINTMENT_TYPES)),
            "CodeStr": np.array([a[1] for a in APPOINTMENT_TYPES], dtype=object),
        }
    )
    out.add(at)

    program_num = keys.take("program", len(PROGRAMS))
    pr = Frame("program", len(PROGRAMS))
    pr.update(
        {
            "ProgramNum": program_num,
            "ProgName": np.array([p[0] for p in PROGRAMS], dtype=object),
            "ProgDesc": np.array([p[1] for p in PROGRAMS], dtype=object),
            "Enabled": (rng.random(len(PROGRAMS)) < 0.4).astype(int),
            "Path": np.array(
                [f"C:\\Program Files\\{p[0]}\\{p[0]}.exe" for p in PROGRAMS], dtype=object
            ),
        }
    )
    out.add(pr)
    props = [
        (num, desc, value)
        for num, p in zip(program_num, PROGRAMS, strict=True)
        for desc, value in p[2]
    ]
    pp = Frame("programproperty", len(props))
    pp.update(
        {
            "ProgramPropertyNum": keys.take("programproperty", len(props)),
            "ProgramNum": np.array([p[0] for p in props]),
            "PropertyDesc": np.array([p[1] for p in props], dtype=object),
            "PropertyValue": np.array([p[2] for p in props], dtype=object),
        }
    )
    out.add(pp)

    task_list_num = keys.take("tasklist", len(TASK_LISTS))
    tl = Frame("tasklist", len(TASK_LISTS))
    tl.update(
        {
            "TaskListNum": task_list_num,
            "Descript": np.array(TASK_LISTS, dtype=object),
            "DateTimeEntry": setup,
            "GlobalTaskFilterType": 1,
        }
    )
    out.add(tl)

    return Practice(
        codes=codes,
        fee_sched_num=fee_sched_num,
        fees=default_fees,
        definitions=nums,
        hidden_defs=frozenset(nums[(d.category, d.name)] for d in DEFINITIONS if d.hidden),
        carrier_num=carrier_num,
        carrier_name=np.array(carrier_names, dtype=object),
        plan_num=plan_num,
        plan_carrier=plan_carrier,
        plan_is_ppo=plan_is_ppo,
        plan_group_num=plan_group_num,
        plan_fee_sched=plan_fee_sched,
        plan_coverage=plan_coverage,
        plan_is_medicaid=np.zeros(len(plan_num), bool),
        employer_num=employer_num,
        recall_type_num=recall_type_num,
        appointment_type_num=appointment_type_num,
        program_num=program_num,
        task_list_num=task_list_num,
        admin_user_num=admin_num,
    )
