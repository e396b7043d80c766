"""Signals that let apps above `courses` react to its changes without `courses` knowing them."""

from django.dispatch import Signal

# Sent (after the transaction commits) when a cohort's sessions were added, changed or cancelled,
# with `cohort`. Attendance listens: a cancelled or added session changes what a learner can reach.
schedule_changed = Signal()
