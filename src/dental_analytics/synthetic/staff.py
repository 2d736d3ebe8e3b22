"""Who keeps the records: the front-desk users of each clinic and the providers' own logins, and
the preferences those users set for themselves in OpenDental (`userodpref`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Ints, KeyCounter
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.records_params import LOG_OFF_TIMER_MINUTES, USER_PREFERENCE_P
from dental_analytics.synthetic.state import PracticeState

_PREF = table("userodpref").enum("FkeyType")


@dataclass(frozen=True)
class Staff:
    """Users by clinic (front desk, sorted by clinic) and the login of each provider."""

    desk_user: Ints
    desk_clinic: Ints
    provider_num: Ints  # sorted
    provider_user: Ints  # UserNum of each provider's login, in provider_num order
    admin_user: int

    @classmethod
    def of(cls, offices: Offices, out: ChangeSet, admin_user: int) -> Staff:
        """The unit's staff, reading provider logins from the unit's `userod` rows."""
        order = np.argsort(offices.user_clinic, kind="stable")
        users = pa.concat_tables(out.inserts["userod"])
        prov = users.column("provnum").to_numpy().astype(np.int64)
        user = users.column("usernum").to_numpy().astype(np.int64)
        logins = prov > 0
        by_prov = np.argsort(prov[logins], kind="stable")
        return cls(
            desk_user=offices.user_num[order],
            desk_clinic=offices.user_clinic[order],
            provider_num=prov[logins][by_prov],
            provider_user=user[logins][by_prov],
            admin_user=admin_user,
        )

    @classmethod
    def of_state(cls, state: PracticeState) -> Staff:
        """A live practice's staff: its office users (not providers' logins) by clinic, and the
        providers' logins."""
        clinic = state.column("userod", "ClinicNum").astype(np.int64)
        user = state.column("userod", "UserNum").astype(np.int64)
        prov = state.column("userod", "ProvNum").astype(np.int64)
        desk = np.flatnonzero((prov == 0) & (clinic > 0))
        desk = desk[np.argsort(clinic[desk], kind="stable")]
        logins = np.flatnonzero(prov > 0)
        logins = logins[np.argsort(prov[logins], kind="stable")]
        return cls(
            desk_user=user[desk],
            desk_clinic=clinic[desk],
            provider_num=prov[logins],
            provider_user=user[logins],
            admin_user=int(next(iter(user[(prov == 0) & (clinic == 0)]), 0)),
        )

    def desk_for(self, clinic: Ints, rng: np.random.Generator) -> Ints:
        """A front-desk user of each row's clinic, drawn at random."""
        first = np.searchsorted(self.desk_clinic, clinic, side="left")
        count = np.searchsorted(self.desk_clinic, clinic, side="right") - first
        if len(clinic) and count.min() == 0:
            raise ValueError("a clinic without front-desk users")
        return self.desk_user[first + (rng.random(len(clinic)) * count).astype(np.int64)]

    def login_of(self, provider: Ints, fallback: Ints) -> Ints:
        """Each provider's own login; `fallback` where a provider has none (or is 0)."""
        if not len(self.provider_num):
            return fallback
        at = np.minimum(np.searchsorted(self.provider_num, provider), len(self.provider_num) - 1)
        found = self.provider_num[at] == provider
        return np.where(found, self.provider_user[at], fallback)


def build_user_preferences(
    offices: Offices, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> None:
    """Write `userodpref` into `out`: a few preferences of each of the unit's users.

    Reads the unit's `userod` rows. Every user remembers their clinic (ClinicLast, the clinic in
    Fkey); the others follow `USER_PREFERENCE_P`, each for the users it concerns.
    """
    users = pa.concat_tables(out.inserts["userod"])
    user = users.column("usernum").to_numpy().astype(np.int64)
    clinic = users.column("clinicnum").to_numpy().astype(np.int64)
    prov = users.column("provnum").to_numpy().astype(np.int64)
    hygienists = offices.provider_num[offices.provider_is_hygienist]
    desk, provider = prov == 0, prov > 0
    anyone = np.ones(len(user), dtype=bool)
    minutes = np.asarray(LOG_OFF_TIMER_MINUTES, dtype=object)
    # (preference, users it concerns, value per user)
    choices = (
        ("TaskCollapse", anyone, np.where(rng.random(len(user)) < 0.7, "1", "0")),
        ("LogOffTimerOverride", anyone, minutes[rng.integers(0, len(minutes), len(user))]),
        ("AcctProcBreakdown", desk, np.full(len(user), "1")),
        ("ShowAutomatedCommlog", desk, np.full(len(user), "0")),
        ("SuppressLogOffMessage", provider, np.full(len(user), "")),
        ("PerioCurrentExamOnly", np.isin(prov, hygienists), np.full(len(user), "1")),
    )
    rows_user = [user[clinic > 0]]
    rows_kind = [np.full(int((clinic > 0).sum()), _PREF.code("ClinicLast"))]
    rows_fkey = [clinic[clinic > 0]]
    rows_value = [np.full(int((clinic > 0).sum()), "", dtype=object)]
    for name, concerned, value in choices:
        picked = concerned & (rng.random(len(user)) < USER_PREFERENCE_P[name])
        rows_user.append(user[picked])
        rows_kind.append(np.full(int(picked.sum()), _PREF.code(name)))
        rows_fkey.append(np.zeros(int(picked.sum()), np.int64))
        rows_value.append(np.asarray(value, dtype=object)[picked].astype(str).astype(object))
    pref_user = np.concatenate(rows_user)
    order = np.argsort(pref_user, kind="stable")
    n = len(pref_user)
    f = Frame("userodpref", n)
    f.update(
        {
            "UserOdPrefNum": keys.take("userodpref", n),
            "UserNum": pref_user[order],
            "Fkey": np.concatenate(rows_fkey)[order],
            "FkeyType": np.concatenate(rows_kind)[order],
            "ValueString": np.concatenate(rows_value)[order],
        }
    )
    out.add(f)
