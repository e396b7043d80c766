from django.contrib import messages
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    UsageView,
)

from assessments.models import AssessmentTemplate
from assessments.practical import selectors
from assessments.quizzes.admin_views import TheoryTestsGroup
from assessments.quizzes.permissions import permission_policies_register
from lms.choosers import CreationOffChooserViewSet

# Before any viewset is registered: Wagtail would otherwise make unscoped fallback policies.
permission_policies_register()

MSG_TEMPLATE_IN_USE = _(
    "This practical assessment has recorded attempts, so it cannot be deleted: they are part of "
    "learners' records."
)


class CoordinatedTemplateMixin:
    """A coordinator opens only the templates of courses they coordinate; others are 404."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not selectors.templates_editable_by(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class TemplateEditView(CoordinatedTemplateMixin, EditView):
    pass


class TemplateDeleteView(CoordinatedTemplateMixin, DeleteView):
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ProtectedError:
            messages.error(request, MSG_TEMPLATE_IN_USE)
            return redirect(self.edit_url_name, self.object.pk)


class TemplateHistoryView(CoordinatedTemplateMixin, HistoryView):
    pass


class TemplateUsageView(CoordinatedTemplateMixin, UsageView):
    pass


class AssessmentTemplateViewSet(SnippetViewSet):
    model = AssessmentTemplate
    icon = "tasks"
    menu_label = _("Practical assessments")
    menu_name = "practical_assessments"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "name",
        "course",
        # A tick or a cross, not the words "True" and "False" (in English whatever the language).
        BooleanColumn(
            "required_for_certification",
            label=capfirst(
                AssessmentTemplate._meta.get_field("required_for_certification").verbose_name
            ),
        ),
    ]
    list_filter = ["required_for_certification"]
    search_fields = ["name"]
    copy_view_enabled = False
    chooser_viewset_class = CreationOffChooserViewSet  # no 500 on its create URL (lms/choosers.py)
    edit_view_class = TemplateEditView
    delete_view_class = TemplateDeleteView
    history_view_class = TemplateHistoryView
    usage_view_class = TemplateUsageView

    def get_queryset(self, request):
        return selectors.templates_editable_by(request.user).select_related("course")


register_snippet(AssessmentTemplateViewSet)
register_snippet(TheoryTestsGroup)


@hooks.register("register_log_actions")
def register_practical_log_actions(actions):
    actions.register_action("assessments.attempt.start", _("Start attempt"), _("Attempt started"))
    actions.register_action(
        "assessments.attempt.discard", _("Discard draft"), _("Draft attempt discarded")
    )
    actions.register_action(
        "assessments.attempt.record", _("Record attempt"), _("Attempt recorded")
    )
    actions.register_action("assessments.evidence.add", _("Add evidence"), _("Evidence added"))
    actions.register_action(
        "assessments.evidence.remove", _("Remove evidence"), _("Evidence removed")
    )
    actions.register_action(
        "assessments.attempt.submit", _("Submit attempt"), _("Attempt submitted for review")
    )
    actions.register_action(
        "assessments.attempt.review", _("Confirm attempt"), _("Attempt reviewed and confirmed")
    )
    actions.register_action(
        "assessments.attempt.return", _("Return attempt"), _("Attempt returned for correction")
    )


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    actions.register_action(
        "assessments.attendance.roll_call", _("Take roll call"), _("Roll call taken")
    )
    actions.register_action("assessments.checkin.open", _("Open check-in"), _("Check-in opened"))
    actions.register_action(
        "assessments.checkin.close", _("Close check-in"), _("Check-in closed early")
    )
    actions.register_action(
        "assessments.checkin.self", _("Check in"), _("Learner checked in by themselves")
    )
    actions.register_action(
        "assessments.checkin.card", _("Scan card"), _("Learner's card scanned: present")
    )
    actions.register_action(
        "assessments.card.issue", _("Issue check-in card"), _("Check-in card issued")
    )
    actions.register_action(
        "assessments.card.reset", _("Reset check-in card"), _("Check-in card reset")
    )
    # The name roll calls were logged under before: their history still shows.
    actions.register_action("lms.attendance.roll_call", _("Take roll call"), _("Roll call taken"))


@hooks.register("register_log_actions")
def register_reminder_log_actions(actions):
    actions.register_action(
        "assessments.reminders.choose", _("Choose reminders"), _("Reminder choices saved")
    )
    actions.register_action(
        "assessments.reminders.retry", _("Send reminder again"), _("Reminder sent again")
    )
    actions.register_action(
        "assessments.calendar_feed.create", _("Make calendar link"), _("Calendar link made")
    )
    actions.register_action(
        "assessments.calendar_feed.reset", _("Make new calendar link"), _("Calendar link reset")
    )


@hooks.register("register_log_actions")
def register_quiz_log_actions(actions):
    actions.register_action(
        "assessments.quiz_attempt.start", _("Start theory test"), _("Theory test started")
    )
    actions.register_action(
        "assessments.quiz_attempt.submit", _("Hand in theory test"), _("Theory test handed in")
    )
    actions.register_action(
        "assessments.question.import", _("Import questions"), _("Questions imported")
    )


@hooks.register("register_admin_urls")
def register_question_import_urls():
    from django.urls import path

    from assessments.quizzes import admin_views as quiz_admin

    return [
        path(
            "questions/import/",
            quiz_admin.QuestionImportView.as_view(),
            name="assessments_question_import",
        ),
        path(
            "questions/import/sample.csv",
            quiz_admin.question_import_sample,
            name="assessments_question_import_sample",
        ),
        path(
            "questions/export/<int:course_id>/",
            quiz_admin.question_export,
            name="assessments_question_export",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_question_import_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    class ImportMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("assessments.add_question")

    return ImportMenuItem(
        _("Import questions"), reverse("assessments_question_import"), icon_name="upload", order=256
    )
