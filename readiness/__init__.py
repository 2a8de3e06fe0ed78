"""readiness: bilingual compliance-readiness checks for defense and dual-use startups."""

__version__ = "0.1.0"
