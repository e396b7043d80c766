"""Personal calendar feeds (ICS): each person's sessions, a learner's of their cohorts and a
trainer's of the cohorts they train, at a secret address they can reset from "My profile"
(docs/security.md, "Calendar feeds")."""
