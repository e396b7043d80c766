"""The theory test bank in the Wagtail admin: categories, questions (translatable) and tests,
each scoped to the courses the coordinator coordinates."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from assessments.models import Question, QuestionCategory, Quiz
from assessments.quizzes import selectors
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
    menu_label = _("Question categories")
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
    menu_label = _("Questions")
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
    menu_label = _("Theory tests")
    menu_name = "quizzes"
    list_display = ["name", "course", "pass_mark", "required_for_certification"]
    search_fields = ["name"]
    copy_view_enabled = False
    chooser_viewset_class = CreationOffChooserViewSet
    locals().update(_views(selectors.quizzes_editable_by))

    def get_queryset(self, request):
        return selectors.quizzes_editable_by(request.user).select_related("course")


class TheoryTestsGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "list-ol"
    menu_label = _("Theory tests")
    menu_name = "theory_tests"
    menu_order = 255
