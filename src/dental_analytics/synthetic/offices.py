"""One practice unit's offices: clinics, providers, chairs, staff users and provider schedules.

One rule per step of opening a unit, in `build_offices`'s order: `hire_providers`,
`open_clinics`, `set_up_chairs`, `create_logins`, `set_schedules` (the clinics' lunch
blockouts; the providers' days follow the book, `rosters`), `register_billing_entity`,
`set_fee_overrides` (the offices' and providers' own fees). Sizes live in `params`, fees in
`money_params`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Ints,
    KeyCounter,
    at_minute,
    weekday,
)
from dental_analytics.synthetic.fees import FeeTable
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.money_params import (
    HIGHER_COST_CODES,
    HIGHER_COST_OFFICE,
    HIGHER_COST_UPLIFT,
    SENIOR_DENTIST_CODES,
    SENIOR_DENTIST_OFFICE,
    SENIOR_DENTIST_UPLIFT,
    VISITING_DENTIST_CODES,
)
from dental_analytics.synthetic.params import (
    DENTIST_ROAMING_WEEKDAY,
    DENTIST_WORKDAYS_PER_WEEK,
    DENTISTS_PER_CLINIC,
    FRONT_DESK_USERS_PER_CLINIC,
    HYGIENIST_ROAMING_WEEKDAY,
    HYGIENISTS_PER_CLINIC,
    OPERATORIES_PER_CLINIC,
)
from dental_analytics.synthetic.practice import STANDARD, Practice

# The group's billing entity (a provider row that is no person) is named for the group.
BILLING_ENTITY_NAME = "Riverbend Dental Group"
# OpenDental user groups of the logins the generator creates (1 is the practice's administrator).
FRONT_DESK_GROUP, PROVIDER_GROUP = 2, 3
CLINIC_AREAS = (
    "Northwest",
    "Eastside",
    "Westview",
    "Riverside",
    "Hillcrest",
    "Lakeside",
    "Southgate",
    "Parkrose",
)


@dataclass(frozen=True)
class Roaming:
    """Providers who work one weekday a week in a second office (and not in their own then)."""

    provider: Ints
    clinic: Ints  # the second office
    weekday: Ints  # the weekday they work there (0 Monday)

    def weekday_of(self, provider: Ints, clinic: Ints, workdays: int) -> Bools:
        """(visits, 7) mask of the weekdays each (provider, clinic) pair works."""
        mask = np.zeros((len(provider), 7), bool)
        mask[:, :workdays] = True
        for p, c, w in zip(
            self.provider.tolist(), self.clinic.tolist(), self.weekday.tolist(), strict=True
        ):
            mine = provider == p
            mask[mine & (clinic == c)] = False
            mask[mine & (clinic == c), w] = True
            mask[mine & (clinic != c), w] = False
        return mask


@dataclass(frozen=True)
class Offices:
    unit: int
    clinic_num: Ints
    provider_num: Ints
    provider_clinic: Ints
    provider_is_hygienist: Bools
    operatory_num: Ints
    operatory_clinic: Ints
    operatory_is_hygiene: Bools
    user_num: Ints  # front-desk users
    user_clinic: Ints
    roaming: Roaming
    fees: FeeTable  # the practice's fees with this unit's clinic and provider fees

    def dentists_of(self, clinic: int) -> Ints:
        return self.provider_num[(self.provider_clinic == clinic) & ~self.provider_is_hygienist]

    def hygienists_of(self, clinic: int) -> Ints:
        return self.provider_num[(self.provider_clinic == clinic) & self.provider_is_hygienist]


def working_days(cal: Calendar) -> np.ndarray:
    days = np.arange(cal.start, cal.horizon + np.timedelta64(1, "D"), dtype="datetime64[D]")
    return days[weekday(days) < DENTIST_WORKDAYS_PER_WEEK]


@dataclass(frozen=True)
class Providers:
    """The unit's providers: dentists then hygienists of each clinic."""

    num: Ints
    clinic: Ints
    is_hygienist: Bools
    first_name: np.ndarray

    def first_dentist(self, clinic_num: Ints) -> Ints:
        """Each clinic's first dentist: its billing and default provider."""
        return np.array([self.num[(self.clinic == c) & ~self.is_hygienist][0] for c in clinic_num])


def build_offices(
    unit: int,
    cal: Calendar,
    practice: Practice,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Offices:
    """A unit's offices as they stand through the span: clinics, providers, chairs, logins and
    the providers' schedules."""
    opened = at_minute(np.array([cal.start - np.timedelta64(365, "D")]), 8 * 60)[0]
    clinic_num = keys.take("clinic", len(DENTISTS_PER_CLINIC))
    city = rng.integers(0, len(names.CITIES), len(clinic_num))
    providers = hire_providers(practice, clinic_num, opened, keys, rng, out)
    open_clinics(unit, practice, clinic_num, city, providers, rng, out)
    op_num, op_clinic, op_is_hyg = set_up_chairs(practice, clinic_num, providers, opened, keys, out)
    user_num, desk_clinic = create_logins(cal, clinic_num, providers, keys, rng, out)
    set_schedules(cal, practice, clinic_num, keys, out)
    register_billing_entity(unit, practice, opened, keys, rng, out)
    roaming = roam_providers(clinic_num, providers)
    overrides = set_fee_overrides(practice, clinic_num, providers, roaming)
    out.add(overrides.frame(keys, practice.admin_user_num, opened))
    return Offices(
        unit=unit,
        clinic_num=clinic_num,
        provider_num=providers.num,
        provider_clinic=providers.clinic,
        provider_is_hygienist=providers.is_hygienist,
        operatory_num=op_num,
        operatory_clinic=op_clinic,
        operatory_is_hygiene=op_is_hyg,
        user_num=user_num,
        user_clinic=desk_clinic,
        roaming=roaming,
        fees=practice.fees.with_rows(overrides),
    )


def roam_providers(clinic_num: Ints, providers: Providers) -> Roaming:
    """Who works a day a week in a second office: the second dentist of each two-dentist
    office in the next one-dentist office (Fridays), and the last office's hygienist in the first
    office (Thursdays). A unit with no one-dentist office keeps its dentists at home."""
    dentists = [
        providers.num[(providers.clinic == c) & ~providers.is_hygienist] for c in clinic_num
    ]
    single = [k for k, d in enumerate(dentists) if len(d) == 1]
    prov, clinic, day = [], [], []
    for d in dentists:
        if len(d) >= 2 and single:
            prov.append(int(d[1]))
            clinic.append(int(clinic_num[single.pop(0)]))
            day.append(DENTIST_ROAMING_WEEKDAY)
    hygienists = providers.num[(providers.clinic == clinic_num[-1]) & providers.is_hygienist]
    if len(clinic_num) > 1 and len(hygienists):
        prov.append(int(hygienists[0]))
        clinic.append(int(clinic_num[0]))
        day.append(HYGIENIST_ROAMING_WEEKDAY)
    return Roaming(np.array(prov, np.int64), np.array(clinic, np.int64), np.array(day, np.int64))


def set_fee_overrides(
    practice: Practice, clinic_num: Ints, providers: Providers, roaming: Roaming
) -> FeeTable:
    """The unit's localised fees on the office's own (Standard) schedule: the higher-cost
    office's fees (ClinicNum set), the senior dentist's root-canal fees (ProvNum set), and the
    visiting dentist's home-office crown fee at the office they visit (both set)."""
    home = clinic_num[HIGHER_COST_OFFICE]
    home_dentists = providers.num[(providers.clinic == home) & ~providers.is_hygienist]
    visiting = np.isin(roaming.provider, home_dentists)
    senior = providers.first_dentist(clinic_num[[SENIOR_DENTIST_OFFICE]])
    nobody = np.zeros(1, np.int64)
    clinic_fees = _uplifted(practice, HIGHER_COST_CODES, HIGHER_COST_UPLIFT, home[None], nobody)
    provider_fees = _uplifted(practice, SENIOR_DENTIST_CODES, SENIOR_DENTIST_UPLIFT, nobody, senior)
    visiting_fees = _uplifted(
        practice,
        VISITING_DENTIST_CODES,
        HIGHER_COST_UPLIFT,
        roaming.clinic[visiting],
        roaming.provider[visiting],
    )
    return clinic_fees.with_rows(provider_fees, visiting_fees)


def _uplifted(
    practice: Practice, codes: tuple[str, ...], uplift: float, clinic: Ints, prov: Ints
) -> FeeTable:
    """Standard-schedule fees of `codes`, `uplift` times the default (to the dollar), for each
    (clinic, provider) pair."""
    index = np.array([practice.codes.index(c) for c in codes], np.int64)
    pairs, n_codes = len(clinic), len(index)
    return FeeTable(
        np.full(pairs * n_codes, practice.fee_sched_num[STANDARD]),
        np.tile(practice.codes.code_num[index], pairs),
        np.repeat(clinic, n_codes).astype(np.int64),
        np.repeat(prov, n_codes).astype(np.int64),
        np.tile(np.round(practice.codes.fee[STANDARD, index] * uplift, 0), pairs),
    )


def hire_providers(
    practice: Practice,
    clinic_num: Ints,
    opened: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Providers:
    """Each clinic's dentists and hygienists (provider rows)."""
    prov_clinic = np.concatenate(
        [np.repeat(clinic_num, DENTISTS_PER_CLINIC), np.repeat(clinic_num, HYGIENISTS_PER_CLINIC)]
    )
    is_hyg = np.concatenate(
        [np.zeros(sum(DENTISTS_PER_CLINIC), bool), np.ones(sum(HYGIENISTS_PER_CLINIC), bool)]
    )
    n_prov = len(prov_clinic)
    prov_num = keys.take("provider", n_prov)
    female = rng.random(n_prov) < np.where(is_hyg, 0.9, 0.5)
    first = np.where(
        female,
        names.pick(rng, names.FIRST_FEMALE, n_prov),
        names.pick(rng, names.FIRST_MALE, n_prov),
    )
    last = names.pick(rng, names.LAST, n_prov)
    specialty = np.where(
        is_hyg,
        practice.def_num("ProviderSpecialties", "Hygienist"),
        practice.def_num("ProviderSpecialties", "General dentist"),
    )
    p = Frame("provider", n_prov)
    p.update(
        {
            "ProvNum": prov_num,
            "Abbr": np.array(
                [f"{'HYG' if h else 'DDS'}{k}" for k, h in zip(prov_num, is_hyg, strict=True)],
                dtype=object,
            ),
            "ItemOrder": prov_num - prov_num[0],
            "LName": last,
            "FName": first,
            "Suffix": np.where(is_hyg, "RDH", "DDS").astype(object),
            "FeeSched": practice.fee_sched_num[STANDARD],
            "Specialty": specialty,
            "IsSecondary": is_hyg.astype(int),
            "ProvColor": rng.integers(-16_777_216, -1, n_prov),
            "StateLicense": np.array(
                [f"OR{rng.integers(10000, 99999)}" for _ in range(n_prov)], dtype=object
            ),
            "NationalProvID": np.array(
                [f"1{rng.integers(100_000_000, 999_999_999)}" for _ in range(n_prov)], dtype=object
            ),
            "StateWhereLicensed": names.STATE,
            "ProvStatus": 0,
            "Birthdate": (
                np.datetime64("1960-01-01")
                + rng.integers(0, 12_000, n_prov).astype("timedelta64[D]")
            ),
            "HourlyProdGoalAmt": np.where(is_hyg, 180.0, 450.0),
            "PreferredName": first,
        }
    )
    p.stamp(np.full(n_prov, opened))
    out.add(p)
    return Providers(prov_num, prov_clinic, is_hyg, first)


def register_billing_entity(
    unit: int,
    practice: Practice,
    opened: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The group's billing entity: a provider row that is not a person (OpenDental's
    IsNotPerson), carrying the group's organisational (type 2) NPI for the 837 claims' billing
    loop. Nobody is scheduled under it or logs in as it."""
    num = keys.take("provider", 1)
    p = Frame("provider", 1)
    p.update(
        {
            "ProvNum": num,
            "Abbr": np.array([f"GRP{num[0]}"], dtype=object),
            "ItemOrder": num - 1,
            "LName": np.array(
                [BILLING_ENTITY_NAME + (f" {unit + 1}" if unit else "")], dtype=object
            ),
            "FeeSched": practice.fee_sched_num[STANDARD],
            "Specialty": practice.def_num("ProviderSpecialties", "General dentist"),
            "IsNotPerson": 1,
            "ProvColor": rng.integers(-16_777_216, -1, 1),
            "NationalProvID": np.array(
                [f"1{rng.integers(100_000_000, 999_999_999)}"], dtype=object
            ),
            "StateWhereLicensed": names.STATE,
            "ProvStatus": 0,
        }
    )
    p.stamp(np.array([opened]))
    out.add(p)


def open_clinics(
    unit: int,
    practice: Practice,
    clinic_num: Ints,
    city: Ints,
    providers: Providers,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The clinic rows: named for their area, billing under their first dentist."""
    n_clinics = len(clinic_num)
    area = [CLINIC_AREAS[(unit * n_clinics + i) % len(CLINIC_AREAS)] for i in range(n_clinics)]
    label = [f"{a} Dental" + (f" {unit + 1}" if unit else "") for a in area]
    first_dentist = providers.first_dentist(clinic_num)
    c = Frame("clinic", n_clinics)
    regions = practice.defs("Regions")
    c.update(
        {
            "ClinicNum": clinic_num,
            "Description": np.array(label, dtype=object),
            "Abbr": np.array(
                [a[:4].upper() + (str(unit + 1) if unit else "") for a in area], dtype=object
            ),
            "Address": names.street_addresses(rng, n_clinics),
            "City": np.array([names.CITIES[i][0] for i in city], dtype=object),
            "State": names.STATE,
            "Zip": np.array([names.CITIES[i][1] for i in city], dtype=object),
            "Phone": names.phone_numbers(rng, n_clinics),
            "DefaultPlaceService": 0,
            "InsBillingProv": first_dentist,
            "DefaultProv": first_dentist,
            "Region": regions[np.arange(n_clinics) % len(regions)],
            "ItemOrder": np.arange(n_clinics) + unit * n_clinics,
            "IsConfirmEnabled": 1,
            "TimeZone": "Pacific Standard Time",
        }
    )
    out.add(c)


def set_up_chairs(
    practice: Practice,
    clinic_num: Ints,
    providers: Providers,
    opened: np.datetime64,
    keys: KeyCounter,
    out: ChangeSet,
) -> tuple[Ints, Ints, Bools]:
    """(operatory, clinic, is hygiene) of each chair: hygiene chairs for the hygienists, the rest
    for dentists."""
    prov_num, prov_clinic, is_hyg = providers.num, providers.clinic, providers.is_hygienist
    first_dentist = providers.first_dentist(clinic_num)
    op_clinic = np.repeat(clinic_num, OPERATORIES_PER_CLINIC)
    n_ops = len(op_clinic)
    op_num = keys.take("operatory", n_ops)
    op_rank = np.concatenate([np.arange(k) for k in OPERATORIES_PER_CLINIC])
    hyg_chairs = np.repeat(HYGIENISTS_PER_CLINIC, OPERATORIES_PER_CLINIC)
    op_is_hyg = (
        op_rank < 2 * hyg_chairs
    )  # a hygienist works two chairs, seating one patient while the other is cleaned
    prov_of_op_dent = np.array([first_dentist[list(clinic_num).index(k)] for k in op_clinic])
    hyg_of_clinic = {k: prov_num[(prov_clinic == k) & is_hyg] for k in clinic_num}
    o = Frame("operatory", n_ops)
    o.update(
        {
            "OperatoryNum": op_num,
            "OpName": np.array(
                [
                    f"{'Hyg' if h else 'Op'} {r + 1}"
                    for h, r in zip(op_is_hyg, op_rank, strict=True)
                ],
                dtype=object,
            ),
            "Abbrev": np.array(
                [f"{'H' if h else 'D'}{r + 1}" for h, r in zip(op_is_hyg, op_rank, strict=True)],
                dtype=object,
            ),
            "ItemOrder": op_rank,
            "ProvDentist": np.where(op_is_hyg, 0, prov_of_op_dent),
            "ProvHygienist": np.array(
                [
                    hyg_of_clinic[k][r % len(hyg_of_clinic[k])] if h else 0
                    for k, h, r in zip(op_clinic, op_is_hyg, op_rank, strict=True)
                ]
            ),
            "IsHygiene": op_is_hyg.astype(int),
            "ClinicNum": op_clinic,
            "IsWebSched": op_is_hyg.astype(int),
            "IsNewPatAppt": (
                op_rank == np.repeat(OPERATORIES_PER_CLINIC, OPERATORIES_PER_CLINIC) - 1
            ).astype(int),
            "OperatoryType": practice.defs("OperatoryTypes")[
                op_is_hyg.astype(int) % len(practice.defs("OperatoryTypes"))
            ],
        }
    )
    o.stamp(np.full(n_ops, opened))
    out.add(o)
    return op_num, op_clinic, op_is_hyg


def create_logins(
    cal: Calendar,
    clinic_num: Ints,
    providers: Providers,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> tuple[Ints, Ints]:
    """(user, clinic) of the front desk: front-desk users per clinic and one login per provider."""
    prov_num, prov_clinic, first = providers.num, providers.clinic, providers.first_name
    n_prov = len(prov_num)
    desk_clinic = np.repeat(clinic_num, FRONT_DESK_USERS_PER_CLINIC)
    n_users = len(desk_clinic) + n_prov
    user_num = keys.take("userod", n_users)
    user_first = np.concatenate([names.pick(rng, names.FIRST_FEMALE, len(desk_clinic)), first])
    u = Frame("userod", n_users)
    u.update(
        {
            "UserNum": user_num,
            "UserName": np.array(
                [f"{f.lower()}{k}" for f, k in zip(user_first, user_num, strict=True)], dtype=object
            ),
            "UserGroupNum": np.concatenate(
                [np.full(len(desk_clinic), FRONT_DESK_GROUP), np.full(n_prov, PROVIDER_GROUP)]
            ),
            "ClinicNum": np.concatenate([desk_clinic, prov_clinic]),
            "ProvNum": np.concatenate([np.zeros(len(desk_clinic), np.int64), prov_num]),
            "ClinicIsRestricted": 1,
            "PasswordIsStrong": 1,
            "DateTLastLogin": at_minute(np.full(n_users, cal.today), 7 * 60 + 45),
        }
    )
    out.add(u)
    return user_num[: len(desk_clinic)], desk_clinic


def set_schedules(
    cal: Calendar,
    practice: Practice,
    clinic_num: Ints,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """A lunch blockout per clinic and working day; the providers' own days follow the book
    and are written with the visits (`rosters.write_provider_schedules`)."""
    n_clinics = len(clinic_num)
    days = working_days(cal)
    nd = len(days)
    lunch_clinic = np.repeat(clinic_num, nd)
    lunch_day = np.tile(days, n_clinics)
    n_rows = len(lunch_clinic)
    s = Frame("schedule", n_rows)
    s.update(
        {
            "ScheduleNum": keys.take("schedule", n_rows),
            "SchedDate": lunch_day,
            "StartTime": np.full(n_rows, 12 * 60).astype("timedelta64[m]"),
            "StopTime": np.full(n_rows, 13 * 60).astype("timedelta64[m]"),
            "SchedType": 2,
            "BlockoutType": practice.defs("BlockoutTypes")[0],
            "Note": "Lunch",
            "ClinicNum": lunch_clinic,
        }
    )
    # Schedules are set up a month ahead, and never after the as-of date.
    s.stamp(at_minute(np.minimum(lunch_day - np.timedelta64(30, "D"), cal.today), 10 * 60))
    out.add(s)
