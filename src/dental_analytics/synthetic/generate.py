"""The generator: a stream of batches, the practice-wide tables first, then one batch per unit.

`--scale N` generates N practice units of ~5,000 patients each with their own offices and
providers. Each unit is generated whole and handed to the loader before the next starts, so
memory stays flat as the scale grows; keys continue across units, so they never collide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pyarrow as pa

from dental_analytics.synthetic.back_office import build_back_office
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import build_claims
from dental_analytics.synthetic.clinical import build_clinical, build_clinical_lists
from dental_analytics.synthetic.context import Calendar, KeyCounter, rng_for
from dental_analytics.synthetic.front_office import build_front_office
from dental_analytics.synthetic.membership import enroll_members, member_discount
from dental_analytics.synthetic.offices import build_offices
from dental_analytics.synthetic.orthodontics import build_orthodontics
from dental_analytics.synthetic.params import PATIENTS_PER_UNIT
from dental_analytics.synthetic.patients import build_patients
from dental_analytics.synthetic.payers import set_up_payers, with_payers
from dental_analytics.synthetic.payments import build_money
from dental_analytics.synthetic.practice import build_practice
from dental_analytics.synthetic.records import build_records
from dental_analytics.synthetic.visits import build_visits, withdraw_deleted_appointments

# Random streams per domain, so changing one domain's draws leaves the others' values alone.
_PRACTICE, _OFFICES, _PATIENTS, _VISITS, _CLAIMS, _MONEY, _RECORDS = range(7)
_MONEY_DESK = 7  # payers, memberships, deposits, claim follow-up
_CLINICAL = 8  # perio charts, notes, labs, medical history
_FRONT_OFFICE = 9  # staff and time clock, texts and e-mails, patient fields
_ORTHODONTICS = 10  # the visiting orthodontist and ortho contracts
_INSURANCE_DESK = 11  # capitation, EOB allowed amounts, overpayments, recreated claims


def generate(scale: int, seed: int, as_of: dt.date) -> Iterator[dict[str, pa.Table]]:
    """Yield batches of OpenDental tables (name -> Arrow table in the raw shape)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    cal = Calendar(as_of)
    keys = KeyCounter()
    out = ChangeSet()
    practice = build_practice(cal, keys, rng_for(seed, 0, _PRACTICE), out)
    clinical_lists = build_clinical_lists(cal, keys, out)
    payers = set_up_payers(cal, practice, keys, rng_for(seed, 0, _MONEY_DESK), out)
    practice = with_payers(practice, payers)
    yield out.batch()
    for unit in range(scale):
        out = ChangeSet()

        offices = build_offices(unit, cal, practice, keys, rng_for(seed, unit + 1, _OFFICES), out)
        patients = build_patients(
            PATIENTS_PER_UNIT, cal, practice, offices, keys, rng_for(seed, unit + 1, _PATIENTS), out
        )
        visits = build_visits(
            cal, practice, offices, patients, keys, rng_for(seed, unit + 1, _VISITS), out
        )
        # Before the claims, so ortho visits are billed and collected like any other.
        visits = build_orthodontics(
            cal,
            practice,
            offices,
            patients,
            visits,
            keys,
            rng_for(seed, unit + 1, _ORTHODONTICS),
            out,
        )
        claims = build_claims(
            cal,
            practice,
            offices,
            patients,
            visits,
            keys,
            rng_for(seed, unit + 1, _CLAIMS),
            out,
            rng_for(seed, unit + 1, _INSURANCE_DESK),
        )
        desk_rng = rng_for(seed, unit + 1, _MONEY_DESK)
        members = enroll_members(cal, practice, payers, patients, visits, keys, desk_rng, out)
        build_money(
            cal,
            practice,
            offices,
            patients,
            visits,
            claims,
            member_discount(practice, visits, members),
            keys,
            rng_for(seed, unit + 1, _MONEY),
            out,
        )
        sends = build_records(
            cal, practice, offices, patients, visits, keys, rng_for(seed, unit + 1, _RECORDS), out
        )
        build_clinical(
            cal,
            practice,
            offices,
            patients,
            visits,
            clinical_lists,
            keys,
            rng_for(seed, unit + 1, _CLINICAL),
            out,
        )
        build_back_office(cal, practice, offices, patients, visits, keys, desk_rng, out)
        build_front_office(
            cal,
            practice,
            offices,
            patients,
            visits,
            sends,
            keys,
            rng_for(seed, unit + 1, _FRONT_OFFICE),
            out,
        )
        withdraw_deleted_appointments(visits, out)
        for account in claims.accounts:
            out.add(account)
        out.add(patients.frame)
        yield out.batch()
