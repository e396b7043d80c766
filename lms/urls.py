from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates.credentials import views as credential_views
from certificates.urls import verify_urlpatterns
from lms import favicon, health
from lms import views as lms_views
from lms.forms import PasswordResetForm
from lms.offline import views as offline_views

notification_urlpatterns = [
    path("", lms_views.notifications_list, name="list"),
    path("read/", lms_views.notifications_read_all, name="read_all"),
    path("<int:notification_id>/open/", lms_views.notification_follow, name="open"),
]

urlpatterns = [
    path("admin/reports/site-history/", lms_views.site_history, name="site_history"),
    path(
        "admin/reports/site-history/results/",
        lms_views.site_history_results,
        name="site_history_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/login/", lms_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/profile/", lms_views.profile_edit, name="profile"),
    path("accounts/password/", lms_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("notifications/", include((notification_urlpatterns, "notifications"))),
    path("i18n/setlang/", lms_views.language_switch, name="set_language"),
    path("learning/", include("courses.urls")),
    path("health/", health.health, name="health"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    # The installable app (docs/offline.md): the worker at the root, to look after every page.
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline_views.manifest, name="web_manifest"),
    path("icons/<int:size>.png", offline_views.icon, name="app_icon"),
    path("offline/csrf/", offline_views.csrf_token, name="offline_csrf"),
    path("offline/help/", offline_views.offline_help, name="offline_help"),
    path("offline/<str:language>/", offline_views.offline_page, name="offline_page"),
    path("assessments/", include("assessments.practical.urls")),
    path("my-data/", include("privacy.urls")),
    path("attendance/", include("assessments.attendance.urls")),
    path("theory-tests/", include("assessments.quizzes.urls")),
    path("certificates/", include("certificates.urls")),
    path("mentors/", include("mentors.urls")),
    path("verify/", include((verify_urlpatterns, "verify"))),
    path("credentials/", include("certificates.credentials.urls")),
    path(".well-known/did.json", credential_views.did_document, name="did_document"),
    path("workspace/", include("workspace.urls")),
    path("indicators/", include("indicators.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCH_BARE_VIEW:
    urlpatterns += [
        path("bench/bare/", lms_views.bench_bare, name="bench_bare"),
        path("bench/frame/", lms_views.bench_frame, name="bench_frame"),
    ]

# Wagtail's page serving comes last: it matches every remaining path.
urlpatterns.append(path("", include(wagtail_urls)))
