"""Course rules as pure functions: no ORM, no request."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    done: int
    required: int

    @property
    def percent(self) -> int:
        """Whole percent for a progress bar, rounded down so 'complete' is never shown early."""
        if self.required == 0:
            return 100
        return self.done * 100 // self.required

    @property
    def complete(self) -> bool:
        return self.done >= self.required


def lesson_progress(*, required_lesson_ids: Sequence[int], completed_ids: set[int]) -> Progress:
    """Required lessons done out of required lessons. Optional lessons never change the figure."""
    done = sum(1 for lesson_id in required_lesson_ids if lesson_id in completed_ids)
    return Progress(done=done, required=len(required_lesson_ids))


def next_lesson_id(*, lesson_ids: Sequence[int], completed_ids: set[int]) -> int | None:
    """The first lesson, in course order, not yet done; the first lesson if all are done."""
    for lesson_id in lesson_ids:
        if lesson_id not in completed_ids:
            return lesson_id
    return lesson_ids[0] if lesson_ids else None


def enrolment_has_room(*, capacity: int, active_count: int) -> bool:
    return active_count < capacity
