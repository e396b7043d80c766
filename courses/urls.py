from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:course_id>/offline/", views.course_offline, name="course_offline"),
    path("lessons/<int:lesson_id>/done/", views.lesson_mark_done, name="lesson_done"),
    path("staff/cohorts/", views.staff_cohorts, name="staff_cohorts"),
    path("staff/cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort"),
    path(
        "staff/cohorts/<int:cohort_id>/sessions/new/", views.session_create, name="session_create"
    ),
    path(
        "staff/cohorts/<int:cohort_id>/sessions/schedule/",
        views.sessions_schedule,
        name="sessions_schedule",
    ),
    path("staff/sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path("staff/sessions/<int:session_id>/cancel/", views.session_cancel, name="session_cancel"),
]
