"""The digital credential on a phone (issue 21): `learner` downloads it from "My certificates";
it validates against the Open Badges 3.0 schema; /verify/ says valid; `coordinator` revokes the
certificate through the usual confirm step; /verify/ says revoked for the same, unchanged file,
read through the status list; a one-character change is refused.

`credential_certificate` gives `learner` a valid certificate in the server's database first, as
the certify queue would (the certificate journey may have revoked the demo's), and puts back
afterwards exactly what was there: no service un-issues a certificate, on purpose, so the
fixture's own certificate is deleted by hand and the previous one's status restored."""

import base64
import json
import re
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import REPO_DIR, server_shell
from tests.e2e.helpers import Journey, login, logout, open_menu_link

COURSE = "Retail Sales Assistant"
COHORT = "Retail Group Centre"
REASON = "Certified in error: the practical assessment belonged to another learner."
SCHEMA = (
    REPO_DIR / "tests/certificates/credentials/fixtures/ob_v3p0_achievementcredential_schema.json"
)


SETUP = f"""
import json
from certificates import services
from certificates.models import Certificate
from courses.models import Enrolment
from lms.models import Notification
enrolment = Enrolment.objects.get(learner__username="learner", cohort__name={COHORT!r})
before = {{"enrolment": enrolment.pk, "enrolment_status": enrolment.status, "previous": None}}
last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
before["last_notification"] = last or 0
current = Certificate.objects.filter(enrolment=enrolment).exclude(status="superseded").first()
if current is not None:
    before["previous"] = {{
        "pk": current.pk, "status": current.status, "status_reason": current.status_reason,
        "status_changed_at": current.status_changed_at and current.status_changed_at.isoformat(),
        "status_changed_by": current.status_changed_by_id,
    }}
    if current.status != "valid":
        Certificate.objects.filter(pk=current.pk).update(status="superseded")
coordinator = enrolment.cohort.coordinators.order_by("pk").first()
certificate, created = services.certificate_issue(enrolment=enrolment, by=coordinator)
before["made"] = certificate.pk if created else None
before["serial"] = certificate.serial
print(json.dumps(before))
"""

TEARDOWN = """
import datetime, json
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry
from certificates.models import Certificate, Credential
from courses.models import Enrolment
from lms.models import Notification
before = json.loads({state!r})
made = before["made"]
if made:
    Credential.objects.filter(certificate_id=made).delete()
    kind = ContentType.objects.get_for_model(Certificate)
    ModelLogEntry.objects.filter(content_type=kind, object_id=str(made)).delete()
    Certificate.objects.filter(pk=made).delete()
previous = before["previous"]
if previous:
    changed = previous["status_changed_at"]
    Certificate.objects.filter(pk=previous["pk"]).update(
        status=previous["status"], status_reason=previous["status_reason"],
        status_changed_at=datetime.datetime.fromisoformat(changed) if changed else None,
        status_changed_by_id=previous["status_changed_by"],
    )
Enrolment.objects.filter(pk=before["enrolment"]).update(status=before["enrolment_status"])
# The learner's "ready" and "revoked" notifications of this journey go too.
Notification.objects.filter(pk__gt=before["last_notification"]).delete()
print("restored")
"""


@pytest.fixture
def credential_certificate(live_url):
    state = server_shell(SETUP)
    yield json.loads(state)
    assert server_shell(TEARDOWN.format(state=state)) == "restored"


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _one_char_changed(token: str) -> str:
    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    swapped = "B" if payload[middle] != "B" else "C"
    return ".".join((header, payload[:middle] + swapped + payload[middle + 1 :], signature))


def _check_file(page: Page, path: Path) -> None:
    page.goto("/verify/")
    page.get_by_label("Certificate PDF or digital credential").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()


def test_learner_downloads_the_credential_an_employer_checks_it_and_sees_it_revoked(
    page: Page, journey: Journey, credential_certificate, tmp_path
):
    login(page, "learner")
    open_menu_link(page, "My certificates")
    # Its own certificate: the demo's revoked one, if any, is listed too, as replaced.
    item = page.get_by_role("listitem").filter(has_text=credential_certificate["serial"])
    expect(item).to_contain_text(COURSE)
    expect(item.get_by_role("heading", name="Digital credential")).to_be_visible()
    item.get_by_text("Show the QR code for a wallet").click()
    expect(item.locator("svg.credential-qr")).to_be_visible()
    item.scroll_into_view_if_needed()
    journey.arrive("my-certificates-credential")
    with page.expect_download() as download:
        item.get_by_role("link", name=re.compile(r"^Download digital credential")).click()
    assert download.value.suggested_filename.endswith(".jwt")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    token = path.read_text()
    logout(page)

    # The file is an Open Badges 3.0 credential by 1EdTech's schema.
    vc = _claims(token)["vc"]
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft201909Validator(schema).validate(vc)
    assert vc["credentialSubject"]["achievement"]["name"] == COURSE

    _check_file(page, path)
    expect(page.get_by_text("Valid digital credential.")).to_be_visible()
    expect(page.get_by_text(COURSE).first).to_be_visible()
    journey.arrive("verify-credential-valid")

    login(page, "coordinator", lands_on="My caseload")
    open_menu_link(page, "Certify")
    page.get_by_role("link", name=f"{COURSE}: {COHORT}", exact=True).click()
    serial = credential_certificate["serial"]
    page.get_by_role("link", name=serial, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Certificate {serial}")
    revoke = page.locator("form").filter(has=page.get_by_role("button", name="Revoke…"))
    revoke.get_by_role("textbox").fill(REASON)
    with page.expect_navigation():
        revoke.get_by_role("button", name="Revoke…").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Yes, revoke ")).click()
    expect(page.locator("dt:has-text('Status') + dd")).to_contain_text("Revoked")
    logout(page)

    # The same file, unchanged: its status is read from the published list.
    _check_file(page, path)
    expect(page.get_by_text("Revoked digital credential.")).to_be_visible()
    journey.arrive("verify-credential-revoked")

    changed = tmp_path / "changed.jwt"
    changed.write_text(_one_char_changed(token))
    _check_file(page, changed)
    expect(page.get_by_text("Not a valid digital credential.")).to_be_visible()
    journey.arrive("verify-credential-changed")
    journey.finish()
