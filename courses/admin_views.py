"""The coordinators' admin: scoped permission policies, scoped views and the CSV enrolment import.

Model permissions come from the role (`lms.roles`); which rows a user may touch comes from the
selectors. An object outside a user's scope is a 404, as on the public site."""

import hashlib
import json

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views

from courses import imports, selectors
from courses.admin_forms import EnrolmentImportForm
from courses.models import Cohort, Enrolment
from courses.services import enrolment_create, enrolment_withdraw
from lms.choosers import CreationOffChooserViewSet
from lms.forms import form_add_service_errors
from lms.models import Profile

ALL_ACTIONS = ["add", "change", "delete", "view"]


# --- Permission policies --------------------------------------------------------------------


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as Django grants them, limited to the rows a selector returns."""

    def scope(self, user):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.scope(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.user_has_any_permission(user, actions)
            and self.scope(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)


class CohortPermissionPolicy(ScopedPermissionPolicy):
    def scope(self, user):
        return selectors.cohorts_coordinated_by(user)


class EnrolmentPermissionPolicy(ScopedPermissionPolicy):
    def scope(self, user):
        return selectors.enrolments_coordinated_by(user)


class PersonPermissionPolicy(ScopedPermissionPolicy):
    """People are created with their account (`person_create`, the CSV import) and never
    deleted from here, so nobody adds or deletes a profile on its own."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def scope(self, user):
        return selectors.people_coordinated_by(user)


# --- Views that only find objects in the user's scope ----------------------------------------


class ScopedObjectMixin:
    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ALL_ACTIONS
        )


class ScopedEditView(ScopedObjectMixin, snippet_views.EditView):
    def get_queryset(self):
        return self.scoped_queryset()


class ScopedDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    def get_queryset(self):
        return self.scoped_queryset()


class ScopedInspectView(ScopedObjectMixin, snippet_views.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(self.pk)))


class PersonInspectView(ScopedInspectView):
    """Gender and birth year only for administrators (`Profile.EQUALITY_PERMISSION`)."""

    def get_fields(self):
        fields = super().get_fields()
        if self.request.user.has_perm(Profile.EQUALITY_PERMISSION):
            return fields
        return [name for name in fields if name not in Profile.EQUALITY_FIELDS]


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    def get_base_object_queryset(self):
        return self.scoped_queryset()


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    def get_base_object_queryset(self):
        return self.scoped_queryset()


class ScopedChooserMixin:
    def get_object_list(self):
        policy = self.model_class.snippet_viewset.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ALL_ACTIONS)


class ScopedChooseView(ScopedChooserMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        policy = self.model_class.snippet_viewset.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ALL_ACTIONS).get(
            pk=pk
        )


class ScopedChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    # Ids outside the user's scope are left out, as if they did not exist.
    def get_objects(self, pks):
        policy = self.model_class.snippet_viewset.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ALL_ACTIONS).filter(
            pk__in=pks
        )


class ScopedChooserViewSet(CreationOffChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


# --- Cohorts ---------------------------------------------------------------------------------


def can_import_enrolments(user, cohort: Cohort | None = None) -> bool:
    if not user.has_perm("courses.add_enrolment"):
        return False
    cohorts = selectors.cohorts_coordinated_by(user)
    return cohorts.filter(pk=cohort.pk).exists() if cohort else cohorts.exists()


def cohort_queryset(user):
    return (
        CohortPermissionPolicy(Cohort)
        .instances_user_has_any_permission_for(user, ALL_ACTIONS)
        .select_related("course", "region")
        .annotate(
            active_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ACTIVE))
        )
    )


class CohortInspectView(ScopedInspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_import_enrolments(self.request.user, self.object):
            buttons.append(
                Button(
                    _("Enrol from CSV"),
                    url=reverse("courses_enrolment_import", args=[quote(self.object.pk)]),
                    icon_name="upload",
                    priority=40,
                )
            )
        return buttons


# --- Enrolments ------------------------------------------------------------------------------


class ServiceErrorsAsFormErrorsMixin:
    """A `ValidationError` from a service becomes an error on the form, not a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form_add_service_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class EnrolmentCreateView(ServiceErrorsAsFormErrorsMixin, snippet_views.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return enrolment_create(
            learner=data["learner_identifier"],
            cohort=data["cohort"],
            enrolled_on=data.get("enrolled_on"),
            by=self.request.user,
        )


class EnrolmentEditView(ServiceErrorsAsFormErrorsMixin, ScopedEditView):
    def save_instance(self):
        form = self.form
        if form.withdraws:
            enrolment = Enrolment.objects.get(pk=self.object.pk)
            return enrolment_withdraw(
                enrolment=enrolment,
                reason=form.cleaned_data["withdrawal_reason"],
                on=form.cleaned_data["withdrawn_on"],
                by=self.request.user,
            )
        # Nothing else is changed from here: reload what is stored.
        return Enrolment.objects.get(pk=self.object.pk)


# --- CSV enrolment import --------------------------------------------------------------------

SESSION_KEY = "courses.enrolment_import.%s"
# The enrolments the last confirmed import of a cohort made, shown on the page it returns to.
DONE_SESSION_KEY = "courses.enrolment_import_done.%s"


def _fingerprint(records) -> str:
    return hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()[:16]


class EnrolmentImportChooseView(WagtailAdminTemplateMixin, TemplateView):
    """From the menu: pick one of your cohorts to enrol learners into."""

    template_name = "courses/admin/enrolment_import_choose.html"
    page_title = gettext_lazy("Enrol from CSV")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("courses.add_enrolment"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohorts"] = cohort_queryset(self.request.user).order_by("-start_date", "name")
        return context


class EnrolmentImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload -> preview with every row's errors -> confirm. Writes go through
    `courses.imports.enrolments_import_csv`, in one transaction."""

    template_name = "courses/admin/enrolment_import.html"
    page_title = gettext_lazy("Enrol from CSV")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.cohort = get_object_or_404(
            selectors.cohorts_coordinated_by(request.user).select_related("course", "region"),
            pk=kwargs["cohort_id"],
        )
        if not request.user.has_perm("courses.add_enrolment"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.cohort)

    @property
    def session_key(self):
        return SESSION_KEY % self.cohort.pk

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "cohort": self.cohort,
                "columns": imports.COLUMNS,
                "max_rows": imports.MAX_ROWS,
                "action_url": reverse("courses_enrolment_import", args=[self.cohort.pk]),
                "sample_url": reverse("courses_enrolment_import_sample"),
            }
        )
        context.setdefault("form", EnrolmentImportForm())
        done = self.request.session.get(DONE_SESSION_KEY % self.cohort.pk)
        if done and self.request.method == "GET" and "done" in self.request.GET:
            context["imported"] = list(
                Enrolment.objects.filter(pk__in=done["enrolments"], cohort=self.cohort)
                .select_related("learner__profile")
                .order_by("learner__profile__printed_name", "pk")
            )
            context["new_learner_ids"] = set(done["new_learners"])
            context["enrolments_url"] = reverse(Enrolment.snippet_viewset.get_url_name("list"))
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = EnrolmentImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        records, file_errors = imports.parse_csv(form.cleaned_data["file"].read())
        if file_errors:
            preview = imports.ImportPreview(cohort=self.cohort, rows=[], file_errors=file_errors)
        else:
            preview = imports.enrolments_import_preview(
                cohort=self.cohort, records=records, by=request.user
            )
        if preview.is_valid:
            request.session[self.session_key] = records
            fingerprint = _fingerprint(records)
        else:
            request.session.pop(self.session_key, None)
            fingerprint = ""
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, fingerprint=fingerprint)
        )

    def confirm(self, request):
        records = request.session.get(self.session_key)
        if not records or request.POST.get("fingerprint") != _fingerprint(records):
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("courses_enrolment_import", cohort_id=self.cohort.pk)
        try:
            result = imports.enrolments_import_csv(
                cohort=self.cohort, rows=records, by=request.user
            )
        except ValidationError:
            # Something changed since the preview (e.g. the cohort filled up): show why.
            preview = imports.validate_rows(cohort=self.cohort, records=records, by=request.user)
            request.session.pop(self.session_key, None)
            return self.render_to_response(
                self.get_context_data(preview=preview, fingerprint="", changed=True)
            )
        request.session.pop(self.session_key, None)
        messages.success(
            request,
            " ".join(
                [
                    ngettext(
                        "%(count)s learner enrolled in %(cohort)s.",
                        "%(count)s learners enrolled in %(cohort)s.",
                        len(result.enrolments),
                    )
                    % {"count": len(result.enrolments), "cohort": self.cohort},
                    ngettext(
                        "%(count)s new account was emailed.",
                        "%(count)s new accounts were emailed.",
                        len(result.new_learners),
                    )
                    % {"count": len(result.new_learners)},
                ]
            ),
        )
        # Back to this page, which lists the enrolments just made (the list of every enrolment,
        # ordered by learner, would bury them among the others).
        request.session[DONE_SESSION_KEY % self.cohort.pk] = {
            "enrolments": [e.pk for e in result.enrolments],
            "new_learners": [u.pk for u in result.new_learners],
        }
        return redirect(reverse("courses_enrolment_import", args=[self.cohort.pk]) + "?done=1")


def enrolment_import_sample(request):
    response = HttpResponse(imports.SAMPLE_CSV.encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="enrolment-sample.csv"'
    return response
