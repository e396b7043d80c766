"""The "Mentoring" section of a mentee's "My profile" (registered in MentorsConfig.ready(), see
lms/profile_sections.py): what they share with their mentor, and the meetings logged with them
(the day and the next step; never the mentor's private note)."""

from mentors import selectors
from mentors.forms import ConsentForm


def sharing_section(request) -> dict | None:
    mentor = selectors.current_mentor_of(mentee=request.user)
    if mentor is None:
        return None
    sharing = selectors.sharing_of(mentee=request.user)
    return {
        "mentor": mentor,
        "form": ConsentForm(
            initial={
                "next_session": sharing.next_session,
                "course_progress": sharing.course_progress,
                "attendance": sharing.attendance,
            }
        ),
        "meetings": selectors.meetings_for_mentee(mentee=request.user),
    }
