from django.urls import path

from assessments.attendance import views

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
]
