"""The practical assessment pages, through the test client on real URLs."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Attempt, Evidence, Review
from assessments.practical import services
from lms.formats import medium_date
from tests import factories
from tests.assessments.practical import bread_template, confirmed, recorded


@pytest.fixture
def bread(world):
    return bread_template(world.course)


def marks_post(attempt, met, **extra):
    data = {"assessed_on": attempt.assessed_on.isoformat(), "feedback": "Even crumb. Well done."}
    for result, value in zip(attempt.results.order_by("criterion__sort_order"), met, strict=True):
        if value is not None:
            data[f"met_{result.criterion_id}"] = "met" if value else "not_yet"
        data[f"comment_{result.criterion_id}"] = f"Seen: {result.criterion.statement}"
    data.update(extra)
    return data


def test_trainer_records_with_a_photo_coordinator_confirms_learner_sees_result(
    client, world, bread
):
    # The trainer finds the learner in the queue and starts a first attempt.
    client.force_login(world.trainer_x)
    queue = client.get("/assessments/")
    assert "Awaiting a first attempt" in queue.text
    assert world.learner_a.display_name in queue.text
    assert world.learner_b.display_name not in queue.text  # cohort Y is not theirs
    started = client.post(f"/assessments/start/{world.enrolment_a.pk}/{bread.pk}/")
    attempt = Attempt.objects.get(enrolment=world.enrolment_a)
    assert started.url == f"/assessments/attempts/{attempt.pk}/record/"

    form = client.get(started.url)
    assert f'value="{attempt.assessed_on.isoformat()}"' in form.text  # the date picker reads ISO
    assert 'capture="environment"' in form.text
    assert 'accept="image/*,application/pdf"' in form.text
    for criterion in bread.criteria.all():
        assert criterion.statement in form.text

    # Saving a draft keeps the marks; submitting with a photo hands it to a second person.
    client.post(started.url, marks_post(attempt, [True, None, None], save="1"))
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.DRAFT
    photo = SimpleUploadedFile("bake.png", factories.png_bytes(), content_type="image/png")
    response = client.post(
        started.url, marks_post(attempt, [True, True, False], evidence=photo, submit="1")
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.status, attempt.outcome) == (Attempt.Status.SUBMITTED, Attempt.Outcome.PASS)
    evidence = Evidence.objects.get(attempt=attempt)

    # The learner sees nothing of the result before the review.
    client.force_login(world.learner_a)
    results = client.get("/assessments/results/")
    assert "being recorded or reviewed" in results.text
    assert "Even crumb" not in results.text
    assert client.get(f"/assessments/evidence/{evidence.pk}/").status_code == 404

    # The assessor cannot review their own attempt, even by posting directly. Their queue still
    # lists it, as sent for review, with a way to see it.
    client.force_login(world.trainer_x)
    queue = client.get("/assessments/").text
    sent = queue[queue.index('id="sent"') : queue.index('id="first"')]
    assert world.learner_a.display_name in sent
    assert "Attempt 1, sent on " in sent
    assert f'href="/assessments/attempts/{attempt.pk}/"' in sent
    assert world.learner_a.display_name not in queue[: queue.index('id="sent"')]
    own = client.get(f"/assessments/attempts/{attempt.pk}/")
    assert "a second person must review it" in own.text
    assert 'name="confirm"' not in own.text
    refused = client.post(f"/assessments/attempts/{attempt.pk}/", {"confirm": "1"})
    assert "cannot review it" in refused.text
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED

    # The coordinator reviews and confirms.
    client.force_login(world.coordinator_x)
    assert "Awaiting your review" in client.get("/assessments/").text
    review_page = client.get(f"/assessments/attempts/{attempt.pk}/")
    assert 'name="confirm"' in review_page.text
    assert "Seen: " in review_page.text
    client.post(f"/assessments/attempts/{attempt.pk}/", {"confirm": "1", "comment": ""})
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.CONFIRMED
    # The page goes on somewhere: the queue, and the cohort's overview.
    confirmed = client.get(f"/assessments/attempts/{attempt.pk}/").text
    assert '<a href="/assessments/">Back to practical assessments</a>' in confirmed
    assert f'href="/assessments/cohorts/{world.cohort_x.pk}/"' in confirmed
    # Once confirmed, it has left the trainer's queue.
    client.force_login(world.trainer_x)
    assert "Nothing of yours is waiting for a review." in client.get("/assessments/").text

    # The learner now sees the outcome, the feedback and the photo.
    client.force_login(world.learner_a)
    results = client.get("/assessments/results/")
    assert "Competent" in results.text
    assert "Even crumb. Well done." in results.text
    photo_response = client.get(f"/assessments/evidence/{evidence.pk}/")
    assert photo_response.status_code == 200
    assert b"".join(photo_response.streaming_content) == factories.png_bytes()
    assert photo_response["Content-Type"] == "image/png"
    assert photo_response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in photo_response["Cache-Control"]
    assert "evidence-" in photo_response["Content-Disposition"]


def test_bad_upload_shows_a_message_and_writes_nothing(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    fake = SimpleUploadedFile("bake.png", b"GIF89a\x01\x00\x01\x00", content_type="image/png")
    response = client.post(
        f"/assessments/attempts/{attempt.pk}/record/",
        marks_post(attempt, [True, True, True], evidence=fake, submit="1"),
    )
    assert response.status_code == 200
    assert "is not a JPEG or PNG photo or a PDF" in response.text
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.DRAFT
    assert not attempt.results.filter(met__isnull=False).exists()
    assert not Evidence.objects.exists()


def test_a_date_before_the_cohort_is_explained_on_the_date_field(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    data = marks_post(attempt, [True, True, True], submit="1")
    response = client.post(
        f"/assessments/attempts/{attempt.pk}/record/", {**data, "assessed_on": "2000-01-01"}
    )
    assert response.status_code == 200
    start = medium_date(world.cohort_x.start_date)
    error = re.search(r'<[^>]*id="error_1_id_assessed_on"[^>]*>(.*?)</', response.text, re.S)
    assert error, "the message belongs next to the date"
    assert f"Enter a date on or after {start}, when the cohort started." in error.group(1)
    # The date picker offers only the days that can be right.
    assert f'min="{world.cohort_x.start_date.isoformat()}"' in response.text
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.DRAFT
    assert attempt.assessed_on != datetime.date(2000, 1, 1)
    assert not attempt.results.filter(met__isnull=False).exists()


def test_submitting_with_an_unmarked_criterion_keeps_the_draft(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    response = client.post(
        f"/assessments/attempts/{attempt.pk}/record/",
        marks_post(attempt, [True, None, True], submit="1"),
        follow=True,
    )
    assert "Mark every criterion" in response.text
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.DRAFT
    assert attempt.results.filter(met=True).count() == 2
    # Back at the criterion left unmarked (the top of a long page is out of sight on a phone),
    # which is pointed out, and only it.
    second = attempt.results.all()[1].criterion  # in the order of the checklist
    assert response.redirect_chain[-1][0].endswith(f"?unmarked=1#criterion-{second.pk}")
    assert response.text.count("Not marked yet: choose met or not yet met.") == 1
    assert f'border-danger border-2" id="criterion-{second.pk}"' in response.text


def test_return_needs_a_reason_and_then_reaches_the_assessor(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True] * 3)
    client.force_login(world.coordinator_x)
    response = client.post(f"/assessments/attempts/{attempt.pk}/", {"return": "1", "comment": ""})
    assert "needs a reason" in response.text
    assert not Review.objects.exists()
    client.post(
        f"/assessments/attempts/{attempt.pk}/", {"return": "1", "comment": "No photo of the crumb."}
    )
    client.force_login(world.trainer_x)
    queue = client.get("/assessments/")
    assert "Returned for correction" in queue.text
    record = client.get(f"/assessments/attempts/{attempt.pk}/record/")
    assert "No photo of the crumb." in record.text


def test_attempts_exhausted_message_in_the_page(client, world, bread):
    world.course.max_assessment_attempts = 1
    world.course.save()
    confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [False, True, True])
    client.force_login(world.trainer_x)
    queue = client.get("/assessments/")
    assert world.learner_a.display_name not in queue.text  # nothing left to start
    response = client.post(f"/assessments/start/{world.enrolment_a.pk}/{bread.pk}/", follow=True)
    assert "used all 1 attempts" in response.text
    client.force_login(world.learner_a)
    assert "You have used every attempt" in client.get("/assessments/results/").text


@pytest.mark.parametrize("who", ["trainer_y", "coordinator_y", "learner_b", "outsider"])
def test_other_peoples_attempts_and_evidence_are_404(client, world, bread, who):
    attempt = confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True] * 3)
    evidence = Evidence.objects.create(
        attempt=attempt,
        file="evidence/x.png",
        content_type="image/png",
        size=1,
        uploaded_by=world.trainer_x,
    )
    client.force_login(getattr(world, who))
    assert client.get(f"/assessments/attempts/{attempt.pk}/").status_code == 404
    assert client.get(f"/assessments/attempts/{attempt.pk}/record/").status_code == 404
    assert client.get(f"/assessments/evidence/{evidence.pk}/").status_code == 404
    assert client.get(f"/assessments/cohorts/{world.cohort_x.pk}/").status_code == 404
    start = client.post(f"/assessments/start/{world.enrolment_a.pk}/{bread.pk}/")
    assert start.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, world, bread):
    response = client.get("/assessments/results/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_cohort_overview_shows_every_learner_and_state(client, world, bread):
    other = factories.EnrolmentFactory(cohort=world.cohort_x)
    confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True] * 3)
    recorded(other, bread, world.trainer_x, [True] * 3)
    client.force_login(world.coordinator_x)
    page = client.get(f"/assessments/cohorts/{world.cohort_x.pk}/")
    assert page.status_code == 200
    assert "Bake a batch of bread" in page.text
    assert world.learner_a.display_name in page.text
    assert other.learner.display_name in page.text
    assert "Passed" in page.text
    assert "Awaiting review" in page.text
    assert world.learner_b.display_name not in page.text


def test_learner_is_sent_from_the_queue_to_their_results(client, world):
    client.force_login(world.learner_a)
    response = client.get("/assessments/")
    assert response.url == "/assessments/results/"


# Query budgets: the queue and the overview cost the same with 2 or 30 learners.


def populate(world, template, learners: int):
    """`learners` more learners in cohort X, with attempts in every state among them."""
    states = ["none", "draft", "submitted", "confirmed_pass", "confirmed_fail", "returned"]
    for i in range(learners):
        enrolment = factories.EnrolmentFactory(cohort=world.cohort_x)
        state = states[i % len(states)]
        if state == "draft":
            recorded(enrolment, template, world.trainer_x, [True] * 3, submit=False)
        elif state == "submitted":
            recorded(enrolment, template, world.coordinator_x, [True] * 3)
        elif state == "confirmed_pass":
            confirmed(enrolment, template, world.trainer_x, world.coordinator_x, [True] * 3)
        elif state == "confirmed_fail":
            confirmed(enrolment, template, world.trainer_x, world.coordinator_x, [False] * 3)
        elif state == "returned":
            attempt = recorded(enrolment, template, world.trainer_x, [True] * 3)
            services.attempt_return(attempt=attempt, reviewer=world.coordinator_x, reason="Redo")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


QUEUE_BUDGET = 14
OVERVIEW_BUDGET = 13


@pytest.mark.parametrize("url_name", ["queue", "overview"])
def test_query_count_does_not_grow_with_learners_or_attempts(
    client, world, bread, url_name, django_assert_max_num_queries
):
    bread_template(world.course, name="Shape rolls")  # a second template on the course
    url = "/assessments/" if url_name == "queue" else f"/assessments/cohorts/{world.cohort_x.pk}/"
    budget = QUEUE_BUDGET if url_name == "queue" else OVERVIEW_BUDGET
    client.force_login(world.trainer_x)
    populate(world, bread, 2)
    client.get(url)  # the first request also loads the site and its settings into the cache
    small = count_queries(client, url)
    populate(world, bread, 30)
    with django_assert_max_num_queries(budget):
        large = client.get(url)
    assert large.status_code == 200
    assert count_queries(client, url) == small


def test_assessor_removes_a_photo_from_a_draft(
    client, world, bread, private_media, django_capture_on_commit_callbacks
):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    photo = SimpleUploadedFile("blurry.png", factories.png_bytes(), content_type="image/png")
    evidence = services.evidence_add(attempt=attempt, upload=photo, by=world.trainer_x)
    stored = private_media / evidence.file.name
    assert stored.exists()

    client.force_login(world.coordinator_x)  # not the assessor
    client.post(f"/assessments/evidence/{evidence.pk}/remove/")
    assert Evidence.objects.filter(pk=evidence.pk).exists()

    client.force_login(world.trainer_x)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/assessments/evidence/{evidence.pk}/remove/")
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not stored.exists()


def test_a_draft_started_by_mistake_is_discarded_and_frees_the_attempt(
    client, world, bread, private_media, django_capture_on_commit_callbacks
):
    world.course.max_assessment_attempts = 1
    world.course.save()
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    photo = SimpleUploadedFile("oops.png", factories.png_bytes(), content_type="image/png")
    stored = (
        private_media
        / services.evidence_add(attempt=attempt, upload=photo, by=world.trainer_x).file.name
    )

    client.force_login(world.coordinator_x)  # not the assessor
    client.post(f"/assessments/attempts/{attempt.pk}/discard/")
    assert Attempt.objects.filter(pk=attempt.pk).exists()

    client.force_login(world.trainer_x)
    assert "Discard this draft" in client.get(f"/assessments/attempts/{attempt.pk}/record/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/assessments/attempts/{attempt.pk}/discard/", follow=True)
    assert "The draft is discarded." in response.text
    assert not Attempt.objects.filter(pk=attempt.pk).exists()
    assert not stored.exists()
    # The only allowed attempt is free again.
    again = services.attempt_start(
        enrolment=world.enrolment_a, template=bread, assessor=world.trainer_x
    )
    assert again.number == 1


def test_a_submitted_attempt_cannot_be_discarded(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True] * 3)
    client.force_login(world.trainer_x)
    response = client.post(f"/assessments/attempts/{attempt.pk}/discard/", follow=True)
    assert "Only a draft can be discarded" in response.text
    assert Attempt.objects.filter(pk=attempt.pk).exists()


def test_the_queue_says_when_a_learner_can_first_be_assessed(client, world, bread):
    # Learner a joins three days from now: no Start button yet, but the day it will be there.
    joins = timezone.localdate() + datetime.timedelta(days=3)
    world.enrolment_a.enrolled_on = joins
    world.enrolment_a.save(update_fields=["enrolled_on"])
    client.force_login(world.trainer_x)

    page = client.get("/assessments/").text

    day = medium_date(joins)
    assert f"Can be assessed from {day}" in page
    assert f"/assessments/start/{world.enrolment_a.pk}/" not in page

    world.enrolment_a.enrolled_on = world.cohort_x.start_date
    world.enrolment_a.save(update_fields=["enrolled_on"])
    page = client.get("/assessments/").text
    assert "Can be assessed from" not in page
    assert f"/assessments/start/{world.enrolment_a.pk}/{bread.pk}/" in page
