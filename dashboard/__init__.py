"""syria-control-map: who controlled which parts of Syria on any date."""

__version__ = "0.1.0"
