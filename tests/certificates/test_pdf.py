"""The certificate PDF read back: text, PDF/A marker, embedded fonts, QR code, and safety."""

import base64
import io
import re

import pytest
import zxingcpp
from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from certificates import learning_record, pdf, rules, services
from certificates.models import CertificateSettings
from certificates.selectors import branding
from tests import factories

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    """Text extraction breaks long lines where the PDF wraps them; compare without spaces."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def issue():
    coordinator = factories.CoordinatorFactory()

    def make(printed_name: str, **course):
        course.setdefault("title", "Artisan Baking")
        cohort = factories.CohortFactory(
            course=factories.make_certifiable_course(lessons=0, **course),
            coordinators=[coordinator],
        )
        learner = factories.LearnerFactory(profile__printed_name=printed_name)
        enrolment = factories.EnrolmentFactory(cohort=cohort, learner=learner)
        return factories.certificate_issue_now(enrolment, by=coordinator)

    return make


def read(certificate) -> PdfReader:
    with certificate.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


@pytest.mark.parametrize("name", ["María José Núñez", "Antonín Dvořák", "Nguyễn Thị Minh Khai"])
def test_certificate_carries_name_course_serial_and_verification_url(issue, name):
    certificate = issue(name)
    reader = read(certificate)
    assert len(reader.pages) == 2
    first = reader.pages[0].extract_text()
    assert name in first
    assert "Artisan Baking" in first
    assert certificate.serial in first
    # The front: the short code to type at the verification page (the QR code holds the link).
    short = rules.verification_short_code(certificate.verification_code)
    assert short in first
    assert squash(f"type this code at {settings.SITE_URL}/verify/") in squash(first)
    url = services.verification_url(certificate.verification_code)
    assert url.startswith(settings.SITE_URL)
    second = reader.pages[1].extract_text()
    assert squash(url) in squash(second)  # the whole link, on the back
    assert "Prepare and bake bread safely" in second
    for field in ("Awarding body", "Notional workload", "Type of assessment", "Quality assurance"):
        assert field in second


def test_certificate_is_pdf_a_3b_with_embedded_dejavu_fonts(issue):
    reader = read(issue("Antonín Dvořák"))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(=\"|>)3", metadata)
    assert re.search(r"pdfaid:conformance(=\"|>)B", metadata)
    assert "/OutputIntents" in reader.trailer["/Root"]
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [fonts[key].get_object() for key in fonts]
    names = [str(font["/BaseFont"]) for font in descriptors]
    assert any(name.endswith("+DejaVu-Sans") for name in names)
    for font in descriptors:
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded, as PDF/A requires


def test_page_is_a4_landscape(issue):
    box = read(issue("Ana")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_qr_code_decodes_to_the_verification_url(issue):
    certificate = issue("María José Núñez")
    decoded = []
    for image in read(certificate).pages[0].images:
        decoded += [result.text for result in zxingcpp.read_barcodes(image.image)]
    assert decoded == [services.verification_url(certificate.verification_code)]


def test_long_names_wrap_inside_the_page(issue):
    name = "Maximiliana Josefina Carlota de la Santísima Trinidad " * 3
    name = name.strip()
    reader = read(issue(name, title="Retail Sales Assistant " * 4))
    assert len(reader.pages) == 2  # nothing pushed onto an extra page
    assert squash(name) in squash(reader.pages[0].extract_text())


def test_branding_appears_on_the_certificate(issue):
    settings_row = branding()
    settings_row.awarding_body = "Centro de Formación Profesional"
    settings_row.country = "ES"
    settings_row.signatory_name = "Lucía Fernández"
    settings_row.signatory_title = "Directora"
    settings_row.quality_assurance = "Assessed against the national standard."
    settings_row.save()
    assert CertificateSettings.objects.count() == 1
    certificate = issue("Ana")
    reader = read(certificate)
    first = reader.pages[0].extract_text()
    assert "Centro de Formación Profesional" in first
    assert "Lucía Fernández" in first
    assert "Directora" in first
    assert "Spain" in first  # the code, named in the certificate's language
    assert "Assessed against the national standard." in reader.pages[1].extract_text()


HOSTILE = '<script>alert(1)</script> url(file:///etc/passwd) <img src="file:///etc/passwd">'


def test_hostile_name_renders_as_plain_text_and_fetches_nothing(issue, monkeypatch):
    fetchers = []
    original = pdf.RestrictedURLFetcher

    def recording_fetcher(**kwargs):
        fetcher = original(**kwargs)
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(pdf, "RestrictedURLFetcher", recording_fetcher)
    certificate = issue(HOSTILE, title='Baking <style>@import "http://example.org/x.css";</style>')
    text = squash(read(certificate).pages[0].extract_text())
    assert squash("<script>alert(1)</script>") in text
    assert squash("url(file:///etc/passwd)") in text
    assert squash('<img src="file:///etc/passwd">') in text
    assert squash('<style>@import "http://example.org/x.css";</style>') in text
    requested = [url for fetcher in fetchers for url in fetcher.requested]
    assert requested  # the QR code image is fetched, as a data: URI
    assert all(url.startswith("data:") for url in requested)
    assert all(fetcher.refused == [] for fetcher in fetchers)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "http://127.0.0.1:1/x.png", "https://example.org/logo.png", "ftp://x/y"],
)
def test_fetcher_refuses_the_network_and_files_outside_the_project(url):
    fetcher = pdf.RestrictedURLFetcher()
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_project_static_files():
    fetcher = pdf.RestrictedURLFetcher()
    path = settings.BASE_DIR / "static" / "certificates" / "certificate.css"
    response = fetcher.fetch(path.as_uri())
    assert b"A4 landscape" in response.read()
    response.close()


def test_fetcher_refuses_paths_that_climb_out_of_static():
    fetcher = pdf.RestrictedURLFetcher()
    sneaky = (settings.BASE_DIR / "static").as_uri() + "/../../../../etc/passwd"
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch(sneaky)


def test_learning_record_lists_every_course_certified_or_not():
    learner = factories.LearnerFactory(profile__printed_name="Nguyễn Văn An")
    coordinator = factories.CoordinatorFactory()
    certified = factories.EnrolmentFactory(
        learner=learner,
        cohort=factories.CohortFactory(
            course=factories.make_certifiable_course(title="Artisan Baking", lessons=0)
        ),
    )
    factories.certificate_issue_now(certified, by=coordinator)
    factories.EnrolmentFactory(
        learner=learner,
        cohort=factories.CohortFactory(
            course=factories.make_certifiable_course(
                title="Organic Farming",
                awards_certificate=False,
                notional_hours=24,
                learning_outcomes=[("outcome", "Plan a crop rotation")],
                lessons=0,
            )
        ),
    )
    content = learning_record.learning_record_pdf(learner=learner)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Nguyễn Văn An" in text
    assert "Artisan Baking" in text
    assert "Organic Farming" in text
    assert "Plan a crop rotation" in text
    assert "24" in text
    assert "This course awards no certificate" in text
    assert "Certified, serial" in text


def png_file(name: str, size: tuple[int, int], colour: str) -> ImageFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def wagtail_image(title: str, size: tuple[int, int], colour: str):
    image = get_image_model().objects.create(
        title=title, file=png_file(f"{title}.png", size, colour)
    )
    image.get_file_hash()  # as Wagtail's image form does when a file is uploaded
    return image


def test_logo_and_signature_come_from_the_branding_setting(issue):
    settings_row = branding()
    settings_row.logo = wagtail_image("logo", (400, 150), "navy")
    settings_row.signature = wagtail_image("signature", (300, 100), "black")
    settings_row.save()
    certificate = issue("Ana")
    sizes = [image.image.size for image in read(certificate).pages[0].images]
    assert len(sizes) == 3  # the logo, the signature and the QR code (square)
    assert sorted(size for size in sizes if size[0] != size[1]) == [(300, 100), (400, 150)]


def test_a_branding_image_is_read_once_until_it_is_replaced(monkeypatch):
    # A colour no other test uses: images are kept per process by id and content hash.
    image = wagtail_image("logo", (400, 150), "teal")
    model = get_image_model()
    get_rendition = model.get_rendition
    renditions = []

    def counted(self, spec):
        renditions.append(self.pk)
        return get_rendition(self, spec)

    monkeypatch.setattr(model, "get_rendition", counted)
    first = pdf.image_data_uri(image)
    assert pdf.image_data_uri(model.objects.get(pk=image.pk)) == first
    assert renditions == [image.pk]  # the rendition and its file were read once
    # Replaced in the admin: Wagtail's image form stores the new file and its hash.
    form = get_image_form(get_image_model())(
        {"title": "logo", "collection": image.collection_id},
        {"file": png_file("logo-new.png", (400, 150), "crimson")},
        instance=image,
        user=factories.UserFactory(is_superuser=True),
    )
    assert form.is_valid(), form.errors
    image = form.save()
    replaced = pdf.image_data_uri(image)
    assert replaced != first
    data = base64.b64decode(replaced.split(",", 1)[1])
    assert Image.open(io.BytesIO(data)).convert("RGB").getpixel((0, 0)) == (220, 20, 60)


def test_warm_up_loads_the_renderer_and_freezes_the_start_up_objects():
    import gc

    try:
        pdf.warm_up()
        assert gc.get_freeze_count() > 0
        assert pdf.minimal_pdf().startswith(b"%PDF-")
    finally:
        gc.unfreeze()
