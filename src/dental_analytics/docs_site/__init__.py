"""The documentation and lineage site: dbt docs plus test results, freshness, coverage, lineage
pictures, load status and a printable PDF, built from dbt's artifacts into a static folder."""

from dental_analytics.docs_site.build import SiteSummary, build_site

__all__ = ["SiteSummary", "build_site"]
