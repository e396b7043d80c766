"""The trainer's "Today": the sessions of the cohorts they train over the coming week with their
roll calls, the practical attempts waiting for them, and the learners newly at risk."""
