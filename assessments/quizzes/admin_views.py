"""The theory test bank in the Wagtail admin: categories, questions (translatable) and tests,
each scoped to the courses the coordinator coordinates."""

import hashlib
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from assessments.models import Question, QuestionCategory, Quiz
from assessments.quizzes import csv_template, imports, selectors
from courses.models import CoursePage
from lms.choosers import CreationOffChooserViewSet


class ScopedMixin:
    """A coordinator opens only what belongs to courses they coordinate; others get a 404."""

    scope = None

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(self).scope(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def _views(scope):
    attrs = {"scope": staticmethod(scope)}
    return {
        "edit_view_class": type("ScopedEditView", (ScopedMixin, EditView), attrs),
        "delete_view_class": type("ScopedDeleteView", (ScopedMixin, DeleteView), attrs),
        "history_view_class": type("ScopedHistoryView", (ScopedMixin, HistoryView), attrs),
        "usage_view_class": type("ScopedUsageView", (ScopedMixin, UsageView), attrs),
    }


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Question categories")
    menu_name = "question_categories"
    list_display = ["name", "course"]
    search_fields = ["name"]
    copy_view_enabled = False
    chooser_viewset_class = CreationOffChooserViewSet
    locals().update(_views(selectors.categories_editable_by))

    def get_queryset(self, request):
        return selectors.categories_editable_by(request.user).select_related("course")


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    menu_name = "questions"
    list_display = ["text", "category", "kind", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["text"]
    copy_view_enabled = False
    chooser_viewset_class = CreationOffChooserViewSet
    locals().update(_views(selectors.questions_editable_by))

    def get_queryset(self, request):
        return selectors.questions_editable_by(request.user).select_related("category", "locale")


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "list-ol"
    menu_label = gettext_lazy("Theory tests")
    menu_name = "quizzes"
    list_display = [
        "name",
        "course",
        "pass_mark",
        BooleanColumn(
            "required_for_certification",
            label=capfirst(Quiz._meta.get_field("required_for_certification").verbose_name),
        ),
    ]
    search_fields = ["name"]
    copy_view_enabled = False
    chooser_viewset_class = CreationOffChooserViewSet
    locals().update(_views(selectors.quizzes_editable_by))

    def get_queryset(self, request):
        return selectors.quizzes_editable_by(request.user).select_related("course")


class TheoryTestsGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "list-ol"
    menu_label = gettext_lazy("Theory tests")
    menu_name = "theory_tests"
    menu_order = 255


class QuestionImportForm(forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=CoursePage.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("GIFT or CSV file"),
        help_text=gettext_lazy(
            "Moodle's GIFT format (.gift or .txt), or the CSV template. At most 1 MB."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = imports.courses_with_bank_for(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


SESSION_KEY = "question_import"


def _fingerprint(rows) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


class QuestionImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload -> preview naming every bad line -> confirm; nothing is written until every
    question of the file is valid (`imports.questions_import`, one transaction)."""

    template_name = "assessments/admin/question_import.html"
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        # The header names the page, after "Home" (Wagtail shows the last crumb as the title).
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("assessments.add_question"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", QuestionImportForm(user=self.request.user))
        context["courses"] = imports.courses_with_bank_for(self.request.user)
        context["columns"] = csv_template.COLUMNS
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = QuestionImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        parsed = imports.parse_file(upload.name, upload.read())
        context = {"form": form, "parsed": parsed, "course": form.cleaned_data["course"]}
        if parsed.problems or not parsed.questions:
            request.session.pop(SESSION_KEY, None)
        else:
            rows = imports.to_session(parsed.questions)
            stored = {"course": form.cleaned_data["course"].pk, "rows": rows}
            request.session[SESSION_KEY] = stored
            context["fingerprint"] = _fingerprint(stored)
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored or request.POST.get("fingerprint") != _fingerprint(stored):
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("assessments_question_import")
        course = get_object_or_404(imports.courses_with_bank_for(request.user), pk=stored["course"])
        try:
            count = imports.questions_import(
                course=course, questions=imports.from_session(stored["rows"]), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessments_question_import")
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            ngettext(
                "%(count)s question added to the bank of %(course)s.",
                "%(count)s questions added to the bank of %(course)s.",
                count,
            )
            % {"count": count, "course": course.title},
        )
        return redirect("assessments_question_import")


def question_export(request, course_id: int):
    if not request.user.has_perm("assessments.view_question"):
        raise PermissionDenied
    course = get_object_or_404(imports.courses_with_bank_for(request.user), pk=course_id)
    response = HttpResponse(
        imports.bank_export(course=course).encode("utf-8"), content_type="text/plain"
    )
    response["Content-Disposition"] = f'attachment; filename="questions-{course.slug}.gift"'
    return response


def question_import_sample(request):
    response = HttpResponse(csv_template.SAMPLE_CSV.encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="questions-sample.csv"'
    return response
