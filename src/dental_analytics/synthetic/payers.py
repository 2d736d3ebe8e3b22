"""Who pays: the practice's filing codes, each plan's type and payer, its membership plans.

Practice-wide, like the plans themselves: runs once after `build_practice`, on its own random
stream, and settles what `build_practice` leaves plain. Every plan gets OpenDental's filing code
(commercial, PPO, Medicaid, CHIP, Tricare, Medicare, VA, ...) and its plan type: PPO percentage, category
percentage, Medicaid or flat copay, or capitation. The plans that pay from a fee schedule stay
the ones `build_practice` gave the PPO schedule, so claims are paid by the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Calendar, Ints, KeyCounter, at_minute
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.money_params import (
    ALLOWED_FEE_SCHEDULE_FILING_CODES,
    BLUE_CROSS_SHARE_OF_PPO,
    CAPITATION_PLANS,
    CHIP_PLANS,
    FILING_CODES,
    INDEMNITY_SHARE_OF_PERCENTAGE,
    MEDICAID_PLANS,
    MEDICARE_ADVANTAGE_PLANS,
    MEMBERSHIP_PLANS,
    TRICARE_PLANS,
    VETERANS_PLANS,
)
from dental_analytics.synthetic.practice import CASH, PPO, Practice


@dataclass(frozen=True)
class Payers:
    """Per plan (index into the practice's plans): its type letter and filing code; the
    membership plans' keys."""

    plan_type: np.ndarray  # '' percentage, 'p' PPO, 'f' Medicaid or flat copay, 'c' capitation
    filing_code: Ints  # InsFilingCodeNum
    is_medicaid: np.ndarray  # per plan: files as Medicaid (Medicaid and CHIP)
    allowed_fee_sched: Ints  # per plan: its allowed-fee schedule (FeeSchedNum), 0 none
    filing_code_num: Ints  # by position in FILING_CODES
    discount_plan_num: Ints  # by position in MEMBERSHIP_PLANS
    discount_fee_sched: int


def set_up_payers(
    cal: Calendar, practice: Practice, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> Payers:
    """The filing codes, each plan's type and filing code (amending its insplan row), and the
    membership plans."""
    setup = at_minute(np.array([cal.start - np.timedelta64(400, "D")]), 9 * 60)
    code_num = write_filing_codes(practice, keys, out)
    plan_type, code_of_plan = classify_plans(practice, rng)
    filing_code = code_num[code_of_plan]
    out.amend(
        "insplan",
        practice.plan_num,
        {
            "PlanType": plan_type,
            "FilingCode": filing_code,
            # Flat-copay and capitation plans charge the patient the schedule's copays.
            "CopayFeeSched": np.where(np.isin(plan_type, ["f", "c"]), practice.plan_fee_sched, 0),
        },
    )
    is_medicaid = np.array([FILING_CODES[c][1] == "MC" for c in code_of_plan])
    cover_medicaid_in_full(practice, is_medicaid, out)
    allowed_fee_sched = allow_from_fee_schedule(practice, code_of_plan, out)
    discount_plan_num = offer_membership_plans(practice, keys, setup, out)
    return Payers(
        plan_type=plan_type,
        filing_code=filing_code,
        is_medicaid=is_medicaid,
        allowed_fee_sched=allowed_fee_sched,
        filing_code_num=code_num,
        discount_plan_num=discount_plan_num,
        discount_fee_sched=int(practice.fee_sched_num[CASH]),
    )


def write_filing_codes(practice: Practice, keys: KeyCounter, out: ChangeSet) -> Ints:
    """OpenDental's standard insurance filing codes, each in its filing-code group."""
    n = len(FILING_CODES)
    num = keys.take("insfilingcode", n)
    f = Frame("insfilingcode", n)
    f.update(
        {
            "InsFilingCodeNum": num,
            "Descript": np.array([c[0] for c in FILING_CODES], dtype=object),
            "EclaimCode": np.array([c[1] for c in FILING_CODES], dtype=object),
            "ItemOrder": np.arange(n),
            "GroupType": np.array(
                [practice.def_num("InsuranceFilingCodeGroup", c[2]) for c in FILING_CODES]
            ),
            # Medicaid is the payer of last resort: its primary claims leave other coverage off.
            "ExcludeOtherCoverageOnPriClaims": np.array([int(c[1] == "MC") for c in FILING_CODES]),
        }
    )
    out.add(f)
    return num


def classify_plans(practice: Practice, rng: np.random.Generator) -> tuple[np.ndarray, Ints]:
    """Per plan: its type letter and its filing code (position in FILING_CODES).

    Among the fee-schedule plans: the Medicaid and CHIP plans (flat copay), the DHMO
    (capitation), BCBS and other PPOs; among the rest: Tricare, Medicare Advantage, the VA,
    indemnity and commercial.
    """
    code = {c[0]: i for i, c in enumerate(FILING_CODES)}
    n = len(practice.plan_num)
    plan_type = np.where(practice.plan_is_ppo, "p", "").astype(object)
    filing = np.where(
        practice.plan_is_ppo,
        np.where(
            rng.random(n) < BLUE_CROSS_SHARE_OF_PPO,
            code["Blue Cross/Blue Shield"],
            code["Preferred Provider Organization (PPO)"],
        ),
        np.where(
            rng.random(n) < INDEMNITY_SHARE_OF_PERCENTAGE,
            code["Indemnity Insurance"],
            code["Commercial Insurance"],
        ),
    )
    ppo = rng.permutation(np.flatnonzero(practice.plan_is_ppo))
    medicaid, rest = ppo[:MEDICAID_PLANS], ppo[MEDICAID_PLANS:]
    chip, rest = rest[:CHIP_PLANS], rest[CHIP_PLANS:]
    dhmo = rest[:CAPITATION_PLANS]
    plan_type[np.concatenate([medicaid, chip])] = "f"
    plan_type[dhmo] = "c"
    filing[medicaid] = code["Medicaid"]
    filing[chip] = code["Children's Health Insurance Program (CHIP)"]
    filing[dhmo] = code["Dental Maintenance Organization"]
    percentage = rng.permutation(np.flatnonzero(~practice.plan_is_ppo))
    tricare, rest = percentage[:TRICARE_PLANS], percentage[TRICARE_PLANS:]
    filing[tricare] = code["Tricare (CHAMPUS)"]
    medicare, rest = rest[:MEDICARE_ADVANTAGE_PLANS], rest[MEDICARE_ADVANTAGE_PLANS:]
    filing[medicare] = code["Medicare Part B"]
    filing[rest[:VETERANS_PLANS]] = code["Veterans Affairs Plan"]
    return plan_type, filing.astype(np.int64)


def cover_medicaid_in_full(practice: Practice, is_medicaid: np.ndarray, out: ChangeSet) -> None:
    """Medicaid and CHIP pay covered services in full up to their fee schedule, with no
    deductible: the patient owes nothing, and the provider may not bill the rest (it is written
    off). Amends the plans' coinsurance and deductible benefit rows."""
    btype = table("benefit").enum("BenefitType")
    assert btype is not None
    rows = pa.concat_tables(out.inserts["benefit"])
    num = rows.column("benefitnum").to_numpy().astype(np.int64)
    kind = rows.column("benefittype").to_numpy()
    medicaid_row = np.isin(rows.column("plannum").to_numpy(), practice.plan_num[is_medicaid])
    coinsurance = medicaid_row & (kind == btype.code("CoInsurance"))
    deductible = medicaid_row & (kind == btype.code("Deductible"))
    out.amend("benefit", num[coinsurance], {"Percent": np.full(int(coinsurance.sum()), 100)})
    out.amend("benefit", num[deductible], {"MonetaryAmt": np.zeros(int(deductible.sum()))})


def allow_from_fee_schedule(practice: Practice, code_of_plan: Ints, out: ChangeSet) -> Ints:
    """Out-of-network plans that pay from a published allowed-fee schedule rather than the
    office's fee (OpenDental's insplan.AllowedFeeSched, used by category-percentage plans): the
    federal plans (`ALLOWED_FEE_SCHEDULE_FILING_CODES`). They pay their percentage of the
    schedule's fee; the patient owes the rest, nothing is written off. Amends their insplan rows
    and returns each plan's schedule (0 none)."""
    code = np.array([FILING_CODES[c][1] for c in code_of_plan], dtype=object)
    on_schedule = ~practice.plan_is_ppo & np.isin(code, list(ALLOWED_FEE_SCHEDULE_FILING_CODES))
    allowed = np.where(on_schedule, practice.fee_sched_num[PPO], 0).astype(np.int64)
    out.amend("insplan", practice.plan_num[on_schedule], {"AllowedFeeSched": allowed[on_schedule]})
    return allowed


def with_payers(practice: Practice, payers: Payers) -> Practice:
    """The practice as the claims see it once its payers are known: Medicaid and CHIP plans
    cover every level in full, and are known as Medicaid's; each plan's type and allowed-fee
    schedule."""
    coverage = practice.plan_coverage.copy()
    coverage[payers.is_medicaid] = 100
    return replace(
        practice,
        plan_coverage=coverage,
        plan_is_medicaid=payers.is_medicaid,
        plan_type=payers.plan_type,
        plan_allowed_fee_sched=payers.allowed_fee_sched,
    )


def offer_membership_plans(
    practice: Practice, keys: KeyCounter, setup: np.ndarray, out: ChangeSet
) -> Ints:
    """The practice's in-office membership plans, priced from the cash-discount fee schedule,
    their discounts posted as the membership adjustment type."""
    n = len(MEMBERSHIP_PLANS)
    num = keys.take("discountplan", n)
    limits = np.array([p[2] for p in MEMBERSHIP_PLANS])
    f = Frame("discountplan", n)
    f.update(
        {
            "DiscountPlanNum": num,
            "Description": np.array([p[0] for p in MEMBERSHIP_PLANS], dtype=object),
            "FeeSchedNum": practice.fee_sched_num[CASH],
            "DefNum": practice.def_num("AdjTypes", "In-office membership plan"),
            "PlanNote": np.array(
                [f"Annual fee ${p[1]:,.0f}, paid at enrollment" for p in MEMBERSHIP_PLANS],
                dtype=object,
            ),
            "ExamFreqLimit": limits[:, 0],
            "XrayFreqLimit": limits[:, 1],
            "ProphyFreqLimit": limits[:, 2],
            "FluorideFreqLimit": limits[:, 3],
            "PerioFreqLimit": limits[:, 4],
            "LimitedExamFreqLimit": limits[:, 5],
            "PAFreqLimit": limits[:, 6],
            "AnnualMax": -1.0,  # no cap on the discount
        }
    )
    f.stamp(np.repeat(setup, n))
    out.add(f)
    return num
