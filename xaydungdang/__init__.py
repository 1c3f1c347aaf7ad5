"""xaydungdang: party-building administration and summary reports."""

__version__ = "0.1.0"
