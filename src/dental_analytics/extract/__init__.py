"""OpenDental MySQL/MariaDB -> the warehouse's raw layer: incremental, deletes included, read-only."""

from dental_analytics.extract.run import ExtractSummary, TableResult, extract
from dental_analytics.extract.source import PASSWORD_ENV, SourceOptions

__all__ = ["PASSWORD_ENV", "ExtractSummary", "SourceOptions", "TableResult", "extract"]
