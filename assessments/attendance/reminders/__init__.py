"""Session reminders: the day before each session, by email and by text message (SMS), as each
learner chose on "My profile"; the coordinators see each one's status and may send a failed one
again. See docs/attendance.md ("Reminders") and docs/deployment.md (the SMS provider, the job)."""
