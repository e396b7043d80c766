from django.urls import path

from assessments.attendance import cards, checkin_views, views
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
    # Self check-in (docs/attendance.md, "Self check-in")
    path("sessions/<int:session_id>/check-in/", checkin_views.checkin_code, name="checkin_code"),
    path(
        "sessions/<int:session_id>/check-in/code/",
        checkin_views.checkin_code_fragment,
        name="checkin_code_fragment",
    ),
    path(
        "sessions/<int:session_id>/check-in/open/", checkin_views.checkin_open, name="checkin_open"
    ),
    path(
        "sessions/<int:session_id>/check-in/close/",
        checkin_views.checkin_close,
        name="checkin_close",
    ),
    path(
        "sessions/<int:session_id>/self-check-ins/",
        checkin_views.self_checkins_fragment,
        name="self_checkins",
    ),
    path("sessions/<int:session_id>/scan-cards/", checkin_views.scan_cards, name="scan_cards"),
    path("sessions/<int:session_id>/scan-cards/scan/", checkin_views.scan_card, name="scan_card"),
    path("check-in/", checkin_views.checkin, name="checkin"),
    path("check-in/<str:token>/", checkin_views.checkin_scan, name="checkin_scan"),
    path("my-card.pdf", cards.card_pdf, name="card_pdf"),
    path("my-card/reset/", cards.card_reset, name="card_reset"),
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
