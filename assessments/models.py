"""Attendance records and practical assessments: evidence measured against thresholds."""
