"""Dental analytics: an OpenDental warehouse built with dbt."""

__version__ = "0.1.0"
