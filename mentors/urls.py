from django.urls import path

from mentors import practice_views, views

app_name = "mentors"

urlpatterns = [
    path("", views.home, name="home"),
    path("volunteer/", views.volunteer, name="volunteer"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("register/", views.register, name="register"),
    path("register/<int:mentor_id>/capacity/", views.capacity, name="capacity"),
    path("mentees/", views.mentees, name="mentees"),
    path("mentees/<int:enrolment_id>/assign/", views.assign, name="assign"),
    path("assignments/<int:assignment_id>/end/", views.assignment_end, name="assignment_end"),
    path("coverage/", views.coverage, name="coverage"),
    path("sharing/", practice_views.consent, name="consent"),
    path("assignments/<int:assignment_id>/meetings/", practice_views.meetings, name="meetings"),
    path(
        "assignments/<int:assignment_id>/meetings/new/",
        practice_views.meeting_new,
        name="meeting_new",
    ),
    path("meetings/<int:meeting_id>/edit/", practice_views.meeting_edit, name="meeting_edit"),
    path(
        "meetings/<int:meeting_id>/dealt-with/",
        practice_views.meeting_dealt_with,
        name="meeting_dealt_with",
    ),
    path(
        "register/<int:mentor_id>/supervision/",
        practice_views.supervision,
        name="supervision",
    ),
]
