from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses import admin_views, course_rules
from courses.admin_forms import CohortAdminForm, EnrolmentCreateForm, EnrolmentEditForm
from courses.admin_views import (
    CohortPermissionPolicy,
    EnrolmentPermissionPolicy,
    PersonPermissionPolicy,
)
from courses.choosers import CourseChooser, browse_courses
from courses.models import Cohort, CoursePage, Enrolment, Trade
from courses.services import course_rules_change_log
from lms.choosers import CreationOffChooserViewSet
from lms.i18n import NAME_LANGUAGES
from lms.models import Profile, Region

# Policies must be registered before anything asks for a model's (fallback) policy.
register_permission_policy(Cohort, CohortPermissionPolicy(Cohort))
register_permission_policy(Enrolment, EnrolmentPermissionPolicy(Enrolment))
register_permission_policy(Profile, PersonPermissionPolicy(Profile))


@hooks.register("register_log_actions")
def register_course_log_actions(actions):
    actions.register_action("courses.enrolment.create", _("Enrol"), _("Enrolled"))
    actions.register_action("courses.enrolment.withdraw", _("Withdraw"), _("Withdrawn"))
    actions.register_action(
        "courses.enrolment.import", _("Enrol from CSV"), _("Learners enrolled from a CSV file")
    )
    actions.register_action("courses.session.create", _("Add session"), _("Session added"))
    actions.register_action(
        "courses.session.schedule", _("Schedule sessions"), _("Sessions scheduled")
    )
    actions.register_action("courses.session.update", _("Edit session"), _("Session edited"))
    actions.register_action("courses.session.cancel", _("Cancel session"), _("Session cancelled"))
    actions.register_action(
        "courses.lesson.complete", _("Mark as done"), _("Lesson marked as done")
    )
    actions.register_action(
        "courses.enrolment.import_preview",
        _("Check a CSV file"),
        _("CSV enrolment file checked (preview)"),
    )
    actions.register_action(
        "courses.course.rules_change", _("Change course rules"), _("Course rules changed")
    )


@hooks.register("before_edit_page")
def remember_course_rules(request, page):
    # The rules in force (the live record) before an edit, to audit what the edit changes.
    if request.method == "POST" and isinstance(page.specific, CoursePage):
        live = CoursePage.objects.get(pk=page.pk)
        request.course_rules_before = course_rules.rule_values(live)


@hooks.register("after_edit_page")
def audit_course_rules(request, page):
    before = getattr(request, "course_rules_before", None)
    if before is not None:
        course_rules_change_log(
            course=page,
            old=before,
            new=course_rules.rule_values(page.specific),
            published=page.live and not page.has_unpublished_changes,
            by=request.user,
        )


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view finds objects through the model's scoped policy."""

    edit_view_class = admin_views.ScopedEditView
    delete_view_class = admin_views.ScopedDeleteView
    inspect_view_class = admin_views.ScopedInspectView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView
    chooser_viewset_class = admin_views.ScopedChooserViewSet
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, admin_views.ALL_ACTIONS
        )


# Staff listings show the original name and, beside it, each translation (blank where none is
# given yet, so a missing one is easy to spot).
NAMES = ["name", *(f"name_{code}" for code in NAME_LANGUAGES)]


class ReferenceUsageView(snippet_views.UsageView):
    # Usage lists everything that points at a region or trade, people's profiles and other
    # coordinators' cohorts included: administrators only, though coordinators may edit the
    # names (in other languages).
    permission_required = "add"


class ReferenceHistoryView(snippet_views.HistoryView):
    any_permission_required = ["add", "delete"]


class ReferenceSnippetViewSet(SnippetViewSet):
    """Regions and trades: coordinators look, and name them in the other languages (the
    original name and the code need `add`: NamedInLanguages.name_panels); administrators do
    the rest."""

    inspect_view_enabled = True
    copy_view_enabled = False
    chooser_viewset_class = CreationOffChooserViewSet
    usage_view_class = ReferenceUsageView
    history_view_class = ReferenceHistoryView


class RegionViewSet(ReferenceSnippetViewSet):
    model = Region
    icon = "site"
    list_display = [*NAMES, "code"]
    inspect_view_fields = [*NAMES, "code"]


class TradeViewSet(ReferenceSnippetViewSet):
    model = Trade
    icon = "tag"
    list_display = NAMES
    inspect_view_fields = NAMES


class CohortViewSet(ScopedSnippetViewSet):
    model = Cohort
    icon = "group"
    inspect_view_class = admin_views.CohortInspectView
    list_display = [
        "name",
        Column("course", label=_("Course"), accessor="course.title"),
        "region",
        "start_date",
        "end_date",
        Column("active_count", label=_("Active learners")),
        "capacity",
    ]
    inspect_view_fields = [
        "course",
        "name",
        "region",
        "location",
        "start_date",
        "end_date",
        "capacity",
        "trainers",
        "coordinators",
    ]
    edit_handler = ObjectList(
        [
            # Only administrators (who may add cohorts) move a cohort or change who coordinates it.
            FieldPanel("course", widget=CourseChooser, permission="courses.add_cohort"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("region"), FieldPanel("location")]),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("capacity"),
            MultiFieldPanel(
                [
                    FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
                    FieldPanel(
                        "coordinators",
                        widget=forms.CheckboxSelectMultiple,
                        permission="courses.add_cohort",
                    ),
                ],
                heading=_("Staff"),
            ),
        ],
        base_form_class=CohortAdminForm,
    )

    def get_queryset(self, request):
        return admin_views.cohort_queryset(request.user)


ENROLMENT_CREATE_PANEL = ObjectList(
    [
        FieldPanel("cohort", widget=forms.Select),
        FieldPanel("learner_identifier"),
        FieldPanel("enrolled_on"),
    ],
    base_form_class=EnrolmentCreateForm,
)
ENROLMENT_EDIT_PANEL = ObjectList(
    [
        FieldPanel("status", widget=forms.RadioSelect),
        FieldRowPanel([FieldPanel("withdrawn_on"), FieldPanel("withdrawal_reason")]),
    ],
    base_form_class=EnrolmentEditForm,
)


class EnrolmentViewSet(ScopedSnippetViewSet):
    model = Enrolment
    icon = "user"
    add_view_class = admin_views.EnrolmentCreateView
    edit_view_class = admin_views.EnrolmentEditView
    list_display = [
        "learner",
        Column("cohort", label=_("Cohort"), accessor="cohort"),
        "enrolled_on",
        "status",
    ]
    list_filter = ["status"]
    inspect_view_fields = [
        "learner",
        "cohort",
        "enrolled_on",
        "status",
        "withdrawn_on",
        "withdrawal_reason",
    ]
    edit_handler = ENROLMENT_EDIT_PANEL

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("learner__profile", "cohort__course")
            .order_by("cohort__start_date", "learner__profile__printed_name", "pk")
        )

    def get_add_view_kwargs(self, **kwargs):
        panel = ENROLMENT_CREATE_PANEL.bind_to_model(Enrolment)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class PersonViewSet(ScopedSnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("People")
    inspect_view_class = admin_views.PersonInspectView
    list_display = [
        "printed_name",
        Column("username", label=_("Username"), accessor="user.username"),
        Column("email", label=_("Email"), accessor="user.email"),
        "region",
        "preferred_language",
    ]
    inspect_view_fields = [
        "printed_name",
        "preferred_language",
        "region",
        "phone",
        "gender",
        "birth_year",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "region")


class TrainingDeliveryGroup(SnippetViewSetGroup):
    menu_label = _("Training delivery")
    menu_icon = "group"
    menu_order = 250
    items = (CohortViewSet, EnrolmentViewSet, PersonViewSet, RegionViewSet, TradeViewSet)


@hooks.register("register_admin_viewset")
def register_training_delivery():
    return TrainingDeliveryGroup()


class EnrolmentImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.add_enrolment")


@hooks.register("register_admin_menu_item")
def register_enrolment_import_menu_item():
    return EnrolmentImportMenuItem(
        _("Enrol from CSV"),
        reverse("courses_enrolment_import_choose"),
        icon_name="upload",
        order=260,
    )


@hooks.register("register_admin_urls")
def register_enrolment_import_urls():
    return [
        path(
            "enrolment-import/",
            admin_views.EnrolmentImportChooseView.as_view(),
            name="courses_enrolment_import_choose",
        ),
        path(
            "enrolment-import/sample.csv",
            admin_views.enrolment_import_sample,
            name="courses_enrolment_import_sample",
        ),
        path(
            "enrolment-import/<int:cohort_id>/",
            admin_views.EnrolmentImportView.as_view(),
            name="courses_enrolment_import",
        ),
        path("choose-course/", browse_courses, name="courses_choose_course"),
        path(
            "choose-course/<int:parent_page_id>/",
            browse_courses,
            name="courses_choose_course_child",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def enrolment_import_listing_button(snippet, user, next_url=None):
    # The listing only shows cohorts in the user's scope; the import view checks it again.
    if isinstance(snippet, Cohort) and user.has_perm("courses.add_enrolment"):
        yield Button(
            _("Enrol from CSV"),
            url=reverse("courses_enrolment_import", args=[snippet.pk]),
            icon_name="upload",
            priority=40,
        )
