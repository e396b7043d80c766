from django.urls import path

from certificates import views
from certificates.elm import views as elm_views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("learning-record.pdf", views.learning_record, name="learning_record"),
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_id>/", views.queue, name="queue"),
    path("batches/<int:batch_id>/", views.batch, name="batch"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("<int:pk>/pdf/", views.download, name="download"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("<int:pk>/reissue/", views.reissue, name="reissue"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/elm.jsonld", elm_views.export, name="export_elm"),
]

# Public, no login: mounted at /verify/ under the namespace "verify".
verify_urlpatterns = [
    path("", views.verify, name="lookup"),
    path("<str:code>/", views.verify_detail, name="detail"),
]
