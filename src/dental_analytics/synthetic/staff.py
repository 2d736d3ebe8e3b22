"""Who keeps the records: the front-desk users of each clinic and the providers' own logins."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from dental_analytics.synthetic.context import Ints, Output
from dental_analytics.synthetic.offices import Offices


@dataclass(frozen=True)
class Staff:
    """Users by clinic (front desk, sorted by clinic) and the login of each provider."""

    desk_user: Ints
    desk_clinic: Ints
    provider_num: Ints  # sorted
    provider_user: Ints  # UserNum of each provider's login, in provider_num order
    admin_user: int

    @classmethod
    def of(cls, offices: Offices, out: Output, admin_user: int) -> Staff:
        """The unit's staff, reading provider logins from the unit's `userod` rows."""
        order = np.argsort(offices.user_clinic, kind="stable")
        users = pa.concat_tables(out.tables["userod"])
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
