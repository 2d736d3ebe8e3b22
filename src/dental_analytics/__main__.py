"""`python -m dental_analytics` runs the `dental` command line."""

from dental_analytics.cli import main

main()
