"""Issue 17, item 3: a coordinator cannot replace the logo or signature printed on
certificates, nor change the settings that choose them; each certificate records the image
versions its PDF embedded. From the outside: the admin's real URLs."""

import hashlib
import io

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from certificates.branding import MSG_NOT_BRANDING, branding_collection
from certificates.models import CertificateSettings
from lms.services import staff_collection_ensure
from tests import factories


def png(colour: str, size=(300, 100)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def image_in(collection, title: str, colour: str):
    return get_image_model().objects.create(
        title=title, collection=collection, file=ImageFile(io.BytesIO(png(colour)), f"{title}.png")
    )


def sha256_of(image) -> str:
    with image.open_file() as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_coordinator_cannot_replace_a_branding_image_but_uploads_course_images(client, world):
    signature = image_in(branding_collection(), "signature", "black")
    before = sha256_of(signature)
    client.force_login(world.coordinator_x)
    assert client.get(f"/admin/images/{signature.pk}/").status_code in (302, 403)
    client.post(
        f"/admin/images/{signature.pk}/",
        {
            "title": "signature",
            "collection": signature.collection_id,
            "file": SimpleUploadedFile("forged.png", png("red"), content_type="image/png"),
        },
    )
    signature = get_image_model().objects.get(pk=signature.pk)
    assert sha256_of(signature) == before

    materials = staff_collection_ensure()
    uploaded = client.post(
        "/admin/images/add/",
        {
            "title": "bread",
            "collection": materials.pk,
            "file": SimpleUploadedFile("bread.png", png("tan"), content_type="image/png"),
        },
    )
    assert uploaded.status_code == 302
    assert get_image_model().objects.filter(title="bread", collection=materials).exists()
    # Nor can an upload land in the branding collection.
    client.post(
        "/admin/images/add/",
        {
            "title": "forged",
            "collection": branding_collection().pk,
            "file": SimpleUploadedFile("forged.png", png("red"), content_type="image/png"),
        },
    )
    assert (
        not get_image_model()
        .objects.filter(title="forged", collection=branding_collection())
        .exists()
    )


def test_coordinator_cannot_change_the_certificate_or_organisation_settings(client, world):
    site = Site.objects.get(is_default_site=True)
    forged = image_in(Collection.get_first_root_node(), "forged", "red")
    client.force_login(world.coordinator_x)
    for url in (
        f"/admin/settings/certificates/certificatesettings/{site.pk}/",
        f"/admin/settings/lms/organisationsettings/{site.pk}/",
    ):
        assert client.get(url).status_code in (302, 403)
    client.post(
        f"/admin/settings/certificates/certificatesettings/{site.pk}/",
        {"awarding_body": "Forged", "signature": forged.pk},
    )
    row = CertificateSettings.for_site(site)
    assert row.signature_id is None
    assert row.awarding_body != "Forged"


def test_settings_accept_only_images_of_the_branding_collection(client, world):
    site = Site.objects.get(is_default_site=True)
    elsewhere = image_in(staff_collection_ensure(), "coordinators-image", "red")
    client.force_login(world.superuser)
    response = client.post(
        f"/admin/settings/certificates/certificatesettings/{site.pk}/",
        {"awarding_body": "Training Centre", "signature": elsewhere.pk},
    )
    assert response.status_code == 200
    assert str(MSG_NOT_BRANDING).split(":")[0] in response.content.decode().replace("&ldquo;", "“")
    assert CertificateSettings.for_site(site).signature_id is None


def test_a_certificate_records_the_image_versions_it_embedded(world):
    site = Site.objects.get(is_default_site=True)
    row = CertificateSettings.for_site(site)
    row.signature = image_in(branding_collection(), "signature", "black")
    row.save()
    course = factories.make_certifiable_course(title="Records", slug="records")
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort)
    factories.complete_required_lessons(enrolment)
    certificate = factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    assert certificate.render_status == "rendered"
    assert certificate.branding["logo"] is None
    assert certificate.branding["signature"] == {
        "image_id": row.signature.pk,
        "file": row.signature.file.name,
        "sha256": sha256_of(row.signature),
    }
