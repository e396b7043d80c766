"""Mentoring in practice, for "My data" (privacy/sections.py). As a mentee: what they share
with their mentor and the meetings logged with them (the day and the next step, as their
profile shows them). As a mentor: the facts of the meetings they logged (no mentee's name, no
note: those are the mentees' data) and their supervision. Erasure keeps every meeting and its
length (the mentoring hours must not change) and withholds the words written about the person;
the alerts coordinators were sent about the person (as mentee or as mentor) are deleted from
their inboxes (found by the ids they keep: their words name nobody)."""

from django.db.models import Q

from lms.models import Notification
from mentors.models import Meeting, SharingConsent, Supervision
from mentors.notifications import MENTORING_ALERT
from privacy.formats import iso


def export(user) -> dict:
    consent = SharingConsent.objects.filter(mentee=user).first()
    return {
        "what_my_mentor_sees": (
            {
                "course_progress": consent.course_progress,
                "attendance": consent.attendance,
                "next_session": consent.next_session,
            }
            if consent
            else None
        ),
        "meetings_with_my_mentor": [
            {"date": iso(day), "next_step": step}
            for day, step in Meeting.objects.filter(assignment__mentee=user)
            .order_by("met_on", "pk")
            .values_list("met_on", "next_step")
        ],
        "meetings_i_logged": [
            {"date": iso(day), "how": kind, "minutes": minutes, "topics": topics}
            for day, kind, minutes, topics in Meeting.objects.filter(author=user)
            .order_by("met_on", "pk")
            .values_list("met_on", "kind", "minutes", "topics")
        ],
        "my_supervision": [
            {"date": iso(s.held_on), "notes": s.notes, "follow_up": s.follow_up}
            for s in Supervision.objects.filter(mentor=user).order_by("held_on", "pk")
        ],
    }


def erase(user) -> list[str]:
    from privacy.sections import WITHHELD

    about = Meeting.objects.filter(assignment__mentee=user)
    about.exclude(private_note="").update(private_note=WITHHELD)
    about.exclude(next_step="").update(next_step=WITHHELD)
    about.exclude(dealt_with_note="").update(dealt_with_note=WITHHELD)
    Notification.objects.filter(kind=MENTORING_ALERT).filter(
        Q(params__mentee_id=user.pk) | Q(params__mentor_id=user.pk)
    ).delete()
    SharingConsent.objects.filter(mentee=user).delete()
    supervised = Supervision.objects.filter(mentor=user)
    supervised.update(notes=WITHHELD)
    supervised.exclude(follow_up="").update(follow_up=WITHHELD)
    return []
