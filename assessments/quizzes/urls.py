from django.urls import path

from assessments.quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("start/<int:enrolment_id>/<int:quiz_id>/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.attempt, name="attempt"),
    path("attempts/<int:attempt_id>/review/", views.review, name="review"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
    path("assist/", views.assist, name="assist"),
    path("assist/<int:enrolment_id>/<int:quiz_id>/", views.assist_start, name="assist_start"),
]
