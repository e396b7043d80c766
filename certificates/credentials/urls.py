from django.urls import path

from certificates.credentials import views

app_name = "credentials"

# Mounted at /credentials/ (lms/urls.py); the did:web document at /.well-known/did.json.
urlpatterns = [
    path("issuer/", views.issuer, name="issuer"),
    path("jwks.json", views.jwks, name="jwks"),
    path("status/<int:number>/", views.status_list_view, name="status_list"),
    path("c/<uuid:uuid>/", views.hosted, name="hosted"),
    path("mine/<int:pk>/download/", views.download, name="download"),
    path("mine/<int:pk>/lookup/", views.lookup, name="lookup"),
]
