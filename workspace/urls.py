from django.urls import path

from workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("today/", views.today, name="today"),
    path("cohorts/<int:cohort_id>/<slug:count>/", views.people, name="people"),
]
