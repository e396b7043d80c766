from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lessons/<int:lesson_id>/done/", views.lesson_mark_done, name="lesson_done"),
]
