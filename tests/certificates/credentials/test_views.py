"""The holder's download and choice of public lookup; the issuer's public documents."""

from django.urls import reverse

from certificates import services
from certificates.credentials import documents


def test_the_holder_downloads_the_credential(client, world, credential):
    client.force_login(world.learner_a)
    response = client.get(reverse("credentials:download", kwargs={"pk": credential.certificate.pk}))
    assert response.status_code == 200
    assert response.content.decode() == credential.jwt
    assert f"credential-{credential.certificate.serial}.jwt" in response["Content-Disposition"]


def test_nobody_else_downloads_it(client, world, credential):
    for person in (world.learner_b, world.coordinator_x, world.outsider):
        client.force_login(person)
        url = reverse("credentials:download", kwargs={"pk": credential.certificate.pk})
        assert client.get(url).status_code == 404


def test_my_certificates_offers_the_credential_and_its_qr_code(client, world, credential):
    client.force_login(world.learner_a)
    response = client.get(reverse("certificates:mine"))
    assert "Digital credential" in response.text
    assert "Download digital credential" in response.text
    assert "<svg" in response.text


def test_the_holder_withdraws_it_from_public_lookup_and_it_stays_valid(client, world, credential):
    hosted = reverse("credentials:hosted", kwargs={"uuid": credential.uuid})
    assert client.get(hosted).content.decode() == credential.jwt
    client.force_login(world.learner_a)
    url = reverse("credentials:lookup", kwargs={"pk": credential.certificate.pk})
    client.post(url, {"public": "0"})
    credential.refresh_from_db()
    assert not credential.public_lookup
    client.logout()
    assert client.get(hosted).status_code == 404
    from certificates.credentials.verification import credential_check

    assert credential_check(credential.jwt.encode()).valid
    client.force_login(world.learner_a)
    client.post(url, {"public": "1"})
    credential.refresh_from_db()
    assert credential.public_lookup


def test_another_person_cannot_change_the_choice(client, world, credential):
    client.force_login(world.learner_b)
    url = reverse("credentials:lookup", kwargs={"pk": credential.certificate.pk})
    assert client.post(url, {"public": "0"}).status_code == 404
    credential.refresh_from_db()
    assert credential.public_lookup


def test_a_revoked_credential_is_not_served(client, world, credential):
    services.certificate_revoke(
        certificate=credential.certificate, reason="Error", by=world.coordinator_x
    )
    hosted = reverse("credentials:hosted", kwargs={"uuid": credential.uuid})
    assert client.get(hosted).status_code == 404


def test_the_issuer_documents(client, credential):
    did = client.get("/.well-known/did.json").json()
    assert did["id"] == documents.issuer_did()
    assert did["verificationMethod"][0]["publicKeyJwk"]["crv"] == "Ed25519"
    assert "d" not in did["verificationMethod"][0]["publicKeyJwk"]
    jwks = client.get(reverse("credentials:jwks")).json()
    assert credential.kid in [key["kid"] for key in jwks["keys"]]
    profile = client.get(reverse("credentials:issuer")).json()
    assert profile["id"] == documents.issuer_did()
    assert profile["type"] == ["Profile"]


def test_my_certificates_reads_the_credentials_in_the_same_queries(
    client, world, credential, django_assert_max_num_queries
):
    from tests import factories

    # The session, the user, the menu's two questions, the certificates with their credentials.
    budget = 5
    enrolments = []
    for title in ("Bread baking", "Sales basics"):
        course = factories.make_certifiable_course(title=title, lessons=0)
        cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
        enrolments.append(factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a))
    client.force_login(world.learner_a)
    client.get(reverse("certificates:mine"))  # the site frame's cache is warm from here on
    with django_assert_max_num_queries(budget):
        client.get(reverse("certificates:mine"))
    for enrolment in enrolments:
        factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    client.get(reverse("certificates:mine"))
    with django_assert_max_num_queries(budget):
        response = client.get(reverse("certificates:mine"))
    assert response.text.count("Download digital credential") == 3
