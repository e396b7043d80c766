from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("lms/", include("wagtail_lms.urls")),
    path("", include(wagtail_urls)),
]
