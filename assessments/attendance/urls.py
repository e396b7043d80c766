from django.urls import path

from assessments.attendance import views
from assessments.attendance.calendar import views as calendar_views
from assessments.attendance.reminders import views as reminder_views

app_name = "attendance"

urlpatterns = [
    path("sessions/<int:session_id>/roll-call/", views.roll_call, name="roll_call"),
    path("sessions/<int:session_id>/history/", views.session_history, name="history"),
    path("cohorts/<int:cohort_id>/", views.cohort_grid, name="grid"),
    path(
        "cohorts/<int:cohort_id>/attendance.csv",
        views.cohort_export,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "cohorts/<int:cohort_id>/attendance.xlsx",
        views.cohort_export,
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
    path("at-risk/", views.at_risk, name="at_risk"),
    path("mine/", views.my_attendance, name="mine"),
    path("mine/<int:enrolment_id>/", views.my_attendance_detail, name="mine_detail"),
    # Reminders (assessments/attendance/reminders) and calendar feeds (.../calendar).
    path("reminders/", reminder_views.reminder_statuses, name="reminders"),
    path("reminders/mine/", reminder_views.reminder_choose, name="reminder_choose"),
    path(
        "reminders/<int:reminder_id>/retry/",
        reminder_views.reminder_retry,
        name="reminder_retry",
    ),
    path("calendar/reset/", calendar_views.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendar/<str:feed_token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
]
