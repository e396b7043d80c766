from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path
from wagtail import urls as wagtail_urls


def bare(request):
    """As our /bench/bare/: the middleware and nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def frame(request):
    """As our /bench/frame/: the middleware, the session's user and the peer's frame
    (templates/base.html) around no content."""
    return render(request, "frame.html")


urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("bench/bare/", bare),
    path("bench/frame/", frame),
    path("lms/", include("wagtail_lms.urls")),
    path("", include(wagtail_urls)),
]
