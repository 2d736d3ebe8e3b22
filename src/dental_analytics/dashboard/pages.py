"""The dashboard's pages: what each shows and which API routes it reads.

Each page is drawn in the browser from the same API routes a third party would call; `routes` is
the list its script may request (the browser tests check it requests no other), and the page's
exposure in `models/marts/exposures.yml` lists exactly the marts behind them.
"""

from __future__ import annotations

from dataclasses import dataclass

# What every page reads besides its report: who is signed in, the clinic and provider pickers,
# the as-of date the presets count from, and the metric catalog behind the info marks.
COMMON_ROUTES = ("/api/session", "/api/health", "/api/clinics", "/api/providers", "/api/metrics")


@dataclass(frozen=True)
class Page:
    slug: str
    path: str
    title: str
    exposure: str
    report_routes: tuple[str, ...]

    @property
    def routes(self) -> tuple[str, ...]:
        return (*self.report_routes, *COMMON_ROUTES)

    @property
    def charts(self) -> bool:
        """Whether the page draws charts (and so loads plotly.js): all but the work lists."""
        return self.slug != "worklists"


WORKLIST_ROUTES = (
    "/api/worklists/collections",
    "/api/worklists/unscheduled-treatment",
    "/api/worklists/recall-overdue",
    "/api/worklists/outstanding-claims",
)

PAGES: tuple[Page, ...] = (
    Page("home", "/", "Dashboard", "dashboard_home", ("/api/reports/dashboard",)),
    Page("revenue", "/revenue", "Revenue", "dashboard_revenue", ("/api/reports/revenue",)),
    Page(
        "providers", "/providers", "Providers", "dashboard_providers", ("/api/reports/providers",)
    ),
    Page("patients", "/patients", "Patients", "dashboard_patients", ("/api/patients",)),
    Page("ar", "/ar", "A/R", "dashboard_ar", ("/api/reports/ar",)),
    Page("worklists", "/worklists", "Work lists", "dashboard_worklists", WORKLIST_ROUTES),
)
