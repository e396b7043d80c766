"""Certificates across the nodes: issued through one, rendered by the worker, checked and revoked
through the other."""

import hashlib
import re

from certificates import rules
from certificates.models import Certificate
from tests.cluster.conftest import checked_values, eligible_cohort, main_text, page, wait_until

VERIFY_PATH = re.compile(r"^https?://[^/]+(/verify/[A-Za-z0-9_-]+/)$")


def test_a_certificate_issued_through_one_node_verifies_and_is_revoked_through_the_other(
    cluster, logged_in, new_cohort, certifiable_course
):
    staffed = eligible_cohort(new_cohort, certifiable_course, learners=1)
    enrolment = staffed.enrolments[0]
    coordinator = staffed.coordinator.username
    node_a, node_b = logged_in(0, coordinator), logged_in(1, coordinator)

    # Node A: the certify queue offers the learner, ticked; certifying leads to the batch page.
    queue_path = f"/certificates/cohorts/{staffed.cohort.pk}/"
    ticked = checked_values(node_a.get(queue_path), "enrolment")
    assert ticked == [str(enrolment.pk)]
    certify = node_a.post(queue_path, {"enrolment": ticked})
    assert certify.status_code == 302
    batch_path = certify.headers["Location"]
    assert re.fullmatch(r"/certificates/batches/\d+/", batch_path)

    # The worker, a third process, renders the PDF; the batch page on node A says so.
    wait_until(
        lambda: "1 of 1 PDFs ready." in node_a.get(batch_path).text,
        timeout=60,
        what="the worker to render the certificate",
    )
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == Certificate.Status.VALID
    assert "failed" not in main_text(node_a.get(batch_path)).lower()

    # The public check shown to the coordinator on node A answers on node B, as does the serial.
    detail = page(node_a.get(f"/certificates/{certificate.pk}/"))
    public_link = detail.find("dt", string="Public check").find_next_sibling("dd").a["href"]
    verify_path = VERIFY_PATH.match(public_link).group(1)
    assert verify_path == f"/verify/{certificate.verification_code}/"
    public = cluster.node(1)
    verified = public.get(verify_path)
    assert verified.status_code == 200
    assert "Valid certificate" in verified.text
    assert certificate.serial in verified.text
    # The serial with the holder's surname shows the record; the short code leads to its page.
    surname = certificate.snapshot["printed_name"].split()[-1]
    lookup = public.post("/verify/", {"code": certificate.serial, "surname": surname})
    assert lookup.status_code == 200
    assert "Valid certificate" in lookup.text
    short = public.post(
        "/verify/", {"code": rules.verification_short_code(certificate.verification_code)}
    )
    assert short.status_code == 302
    assert short.headers["Location"] == verify_path

    # One file on shared storage: the PDF from node B is node A's, byte for byte, and its
    # SHA-256 is the one recorded at issue.
    pdf_path = f"/certificates/{certificate.pk}/pdf/"
    from_a, from_b = node_a.get(pdf_path), node_b.get(pdf_path)
    assert from_a.status_code == from_b.status_code == 200
    assert from_b.headers["Content-Type"] == "application/pdf"
    assert from_b.content.startswith(b"%PDF-")
    assert from_a.content == from_b.content
    assert hashlib.sha256(from_b.content).hexdigest() == certificate.sha256

    # The upload check on node B recognises the file from node A, and not an altered copy.
    authentic = public.post("/verify/", files={"file": ("mine.pdf", from_a.content)})
    assert "Authentic file." in authentic.text
    assert certificate.serial in authentic.text
    altered = public.post("/verify/", files={"file": ("mine.pdf", from_a.content + b"\n")})
    assert "Not an authentic file." in altered.text

    # Revoked on node B: node A's public check says so at once.
    # The confirming "Yes" of the question page (certificates.views._confirmed_change).
    revoke = node_b.post(
        f"/certificates/{certificate.pk}/revoke/", {"reason": "Issued in error", "confirm": "1"}
    )
    assert revoke.status_code == 302
    after = cluster.node(0).get(verify_path)
    assert "Revoked on" in after.text
    assert "Valid certificate" not in after.text
    assert "Revoked" in node_a.get(f"/certificates/{certificate.pk}/").text
