from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from lms import nav, notifications, profile_sections
from lms import selectors as lms_selectors
from lms.forms import LoginForm, ProfileForm, form_add_service_errors
from lms.models import Profile
from lms.selectors import NOTIFICATIONS_SHOWN
from lms.services import (
    notification_open,
    notifications_mark_read,
    password_change,
    profile_set_language,
    profile_update,
)


def _set_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


class LoginView(auth_views.LoginView):
    """Log in, then show the site in the language the person's profile asks for."""

    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        profile = Profile.objects.filter(user=form.get_user()).only("preferred_language").first()
        if profile is not None and profile.preferred_language:
            translation.activate(profile.preferred_language)
            _set_language_cookie(response, profile.preferred_language)
        return response

    def get_default_redirect_url(self):
        """Where a person lands, as the apps say (lms.nav.landing_register: whoever trains a
        cohort on "Today", other coordinators on their caseload), else on "My learning". An
        explicit, safe `next` still wins: Django checks it before asking this."""
        if landing := nav.landing(self.request):
            return resolve_url(landing.url_name)
        return super().get_default_redirect_url()


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, with the change made by the service (which logs it). Logging in is untouched:
    the old password is checked by the form, not through authenticate(), so neither the login
    rate limit nor django-axes counts it."""

    def form_valid(self, form):
        password_change(
            user=self.request.user,
            by=self.request.user,
            new_password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(self.request, self.request.user)
        return redirect(self.get_success_url())


@require_POST
def language_switch(request):
    """Django's set_language; also remembers the choice in the profile of a logged-in person."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        profile_set_language(user=request.user, language=language)
    return response


@login_required
def profile_edit(request):
    profile = getattr(request.user, "profile", None) or Profile(
        user=request.user, printed_name=request.user.get_full_name()
    )
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user=request.user, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return _profile_render(request, form)
        language = form.cleaned_data["preferred_language"]
        translation.activate(language)
        messages.success(request, _("Your profile is saved."))
        return _set_language_cookie(redirect("profile"), language)
    return _profile_render(request, form)


def _profile_render(request, form):
    return render(
        request,
        "lms/profile.html",
        {"form": form, "sections": profile_sections.sections_for(request)},
    )


def _administrators_only(view):
    @require_admin_access
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


# Wagtail's site history shows whoever has a permission on a model every logged action on it:
# a coordinator would read the names of other cohorts' learners. The audit log is for
# administrators; these patterns come before Wagtail's in lms/urls.py.
site_history = _administrators_only(LogEntriesView.as_view())
site_history_results = _administrators_only(LogEntriesView.as_view(results_only=True))


def bench_bare(request):
    """The benchmark's floor: Django's middleware and nothing else (no database, no template).
    Mounted only when BENCH_BARE_VIEW is on (`make bench`)."""
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def bench_frame(request):
    """The floor of any page a logged-in person reads: the whole middleware (session, user,
    language, CSRF, idle time-out, lockouts) and the site frame (templates/base.html with its
    navigation) around no content at all. Mounted only when BENCH_BARE_VIEW is on (`make
    bench`, docs/performance.md)."""
    return render(request, "lms/bench_frame.html")


@login_required
def notifications_list(request):
    """The person's own notifications, newest first. Reading the list changes nothing (a GET
    never writes): a notification is marked read when its link is followed, or all at once."""
    shown = list(lms_selectors.notifications_of(user=request.user)[:NOTIFICATIONS_SHOWN])
    return render(
        request,
        "lms/notifications.html",
        {
            "items": notifications.items(shown),
            "unread_count": sum(1 for n in shown if n.read_at is None),
        },
    )


@require_POST
@login_required
def notifications_read_all(request):
    notifications_mark_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@require_POST
@login_required
def notification_follow(request, notification_id: int):
    # Only the person's own: anyone else's is "not found", never "not yours".
    notification = get_object_or_404(
        lms_selectors.notifications_of(user=request.user), pk=notification_id
    )
    link = notification_open(user=request.user, notification=notification)
    if not link or not url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(link)
