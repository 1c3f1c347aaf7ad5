"""Alerts for committee staff: deadlines and situations that need a decision (no models)."""
