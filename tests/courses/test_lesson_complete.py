"""Marking a lesson done goes through `lesson_complete`: the learner's own enrolment only, in a
transaction, with one audit entry."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses.models import LessonCompletion, LessonPage
from courses.services import MSG_NOT_OWN_LESSON, lesson_complete

pytestmark = pytest.mark.django_db


def first_lesson(world):
    return LessonPage.objects.child_of(world.course).order_by("path").first()


def test_marking_a_lesson_done_is_audited_once(client, world):
    lesson = first_lesson(world)
    client.force_login(world.learner_a)

    client.post(reverse("courses:lesson_done", args=[lesson.pk]))
    client.post(reverse("courses:lesson_done", args=[lesson.pk]))

    completion = LessonCompletion.objects.get()
    entry = ModelLogEntry.objects.get(action="courses.lesson.complete")
    assert (entry.object_id, entry.user_id) == (str(completion.pk), world.learner_a.pk)


@pytest.mark.parametrize("asker", ["learner_b", "trainer_x", "coordinator_x"])
def test_nobody_marks_a_lesson_done_for_someone_else(world, asker):
    with pytest.raises(ValidationError) as refused:
        lesson_complete(
            enrolment=world.enrolment_a, lesson=first_lesson(world), by=getattr(world, asker)
        )

    assert refused.value.messages == [str(MSG_NOT_OWN_LESSON)]
    assert not LessonCompletion.objects.exists()
    assert not ModelLogEntry.objects.filter(action="courses.lesson.complete").exists()
