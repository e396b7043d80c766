from django.urls import path

from assessments.practical import views

app_name = "assessments"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("results/", views.results, name="results"),
    path(
        "start/<int:enrolment_id>/<int:template_id>/",
        views.attempt_start,
        name="start",
    ),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt"),
    path("attempts/<int:attempt_id>/record/", views.attempt_record, name="record"),
    path("attempts/<int:attempt_id>/discard/", views.attempt_discard, name="discard"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("cohorts/<int:cohort_id>/", views.cohort_overview, name="cohort_overview"),
]
