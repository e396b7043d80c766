"""Issue 17, item 2: a coordinator edits a course's teaching content but never the rules that
decide certification; an administrator's change on a course with running cohorts is confirmed
and audited with old and new values. From the outside: Wagtail's page editor."""

import datetime

from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.course_rules import MSG_CONFIRM_RULES, RULE_FIELDS
from courses.models import CoursePage


def edit_url(course):
    return reverse("wagtailadmin_pages:edit", args=[course.pk])


def post_course(client, course, *, publish=True, **fields):
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": "New summary",
        "trade": course.trade_id,
        "eqf_level": "",
        "notional_hours": course.notional_hours,
        "learning_outcomes": streamfield([]),
        "assessment_type": "",
        "participation_form": course.participation_form,
        "comments": inline_formset([]),
        **fields,
    }
    if publish:
        data["action-publish"] = "publish"
    return client.post(edit_url(course), nested_form_data(data))


CRAFTED = {
    "kind": "mentor",
    "awards_certificate": "",
    "attendance_required": "",
    "attendance_threshold": "1",
    "late_counts_as_attended": "on",
    "excused_removed_from_denominator": "on",
    "max_assessment_attempts": "10",
    "validity_months": "240",
}


def test_coordinator_edits_the_content_but_a_crafted_post_changes_no_rule(client, world):
    course = CoursePage.objects.get(pk=world.course.pk)
    before = {name: getattr(course, name) for name in RULE_FIELDS}
    client.force_login(world.coordinator_x)
    form = client.get(edit_url(course))
    assert form.status_code == 200
    assert 'name="attendance_threshold"' not in form.text
    assert 'name="summary"' in form.text

    response = post_course(client, course, **CRAFTED)
    assert response.status_code == 302
    course = CoursePage.objects.get(pk=course.pk)
    assert course.summary == "New summary"  # the teaching content changed
    assert {name: getattr(course, name) for name in RULE_FIELDS} == before


def test_administrator_changes_a_rule_after_confirming_and_it_is_audited(client, world):
    world.cohort_x.end_date = datetime.date.today() + datetime.timedelta(days=30)
    world.cohort_x.save()
    course = CoursePage.objects.get(pk=world.course.pk)
    client.force_login(world.superuser)
    rules = {
        "kind": course.kind,
        "awards_certificate": "on" if course.awards_certificate else "",
        "attendance_required": "on" if course.attendance_required else "",
        "attendance_threshold": "80",
        "late_counts_as_attended": "on" if course.late_counts_as_attended else "",
        "max_assessment_attempts": course.max_assessment_attempts,
    }
    unconfirmed = post_course(client, course, **rules)
    assert unconfirmed.status_code == 200
    assert str(MSG_CONFIRM_RULES).split("(")[0] in unconfirmed.content.decode()
    assert CoursePage.objects.get(pk=course.pk).attendance_threshold == 90

    confirmed = post_course(client, course, confirm_rule_change="on", **rules)
    assert confirmed.status_code == 302
    assert CoursePage.objects.get(pk=course.pk).attendance_threshold == 80
    entry = PageLogEntry.objects.get(action="courses.course.rules_change")
    assert entry.data["changes"] == {"attendance_threshold": [90, 80]}
    assert entry.data["published"] is True
    assert entry.user_id == world.superuser.pk


def test_coordinator_reverting_to_an_old_revision_brings_no_old_rule_back(client, world):
    course = CoursePage.objects.get(pk=world.course.pk)
    course.attendance_threshold = 10  # an administrator's old, lax rule, kept in a revision
    old_revision = course.save_revision(user=world.superuser)
    old_revision.publish()
    course = CoursePage.objects.get(pk=course.pk)
    course.attendance_threshold = 90
    course.save_revision(user=world.superuser).publish()

    client.force_login(world.coordinator_x)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[course.pk, old_revision.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": "Reverted summary",
        "trade": course.trade_id,
        "eqf_level": "",
        "notional_hours": course.notional_hours,
        "learning_outcomes": streamfield([]),
        "assessment_type": "",
        "participation_form": course.participation_form,
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 302
    course = CoursePage.objects.get(pk=course.pk)
    assert course.summary == "Reverted summary"
    assert course.attendance_threshold == 90
