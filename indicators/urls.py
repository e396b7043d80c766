from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.page, name="page"),
    path("tables/<slug:table>.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("tables/<slug:table>.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:enrolment_id>/", views.follow_up, name="follow_up"),
    path("follow-ups.csv", views.follow_ups_export, {"fmt": "csv"}, name="follow_ups_csv"),
    path("follow-ups.xlsx", views.follow_ups_export, {"fmt": "xlsx"}, name="follow_ups_xlsx"),
]
