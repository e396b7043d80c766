"""A certificate as a European Learning Model (ELM 3) document: JSON-LD in the shape of a
European Digital Credential (EDC application profile), unsigned. The organisation loads it in
the EU's issuer tool and seals it there with its own qualified seal.

Built only from the certificate's snapshot (what was printed, frozen at issue) and in the
certificate's language. Class and property names follow the ELM 3 EDC profile: a
`EuropeanDigitalCredential` whose `credentialSubject` (a `Person`) `hasClaim` a
`LearningAchievement`, `awardedBy` an `AwardingProcess` of the awarding body (an `Organisation`),
`provenBy` a `LearningAssessment` and `specifiedBy` a `LearningAchievementSpecification` that
carries the learning outcomes, the workload, the EQF level and the mode of learning. Where the
EU publishes a vocabulary we use its address (EQF levels, countries, languages); elsewhere the
concept carries our words only, for the issuer tool to map. See docs/certificates.md."""

import datetime
import hashlib

from certificates.countries import EU_COUNTRY_AUTHORITY, country_uri

CONTEXT = [
    "https://www.w3.org/2018/credentials/v1",
    "http://data.europa.eu/snb/model/context/edc-ap",
]
EDC_SCHEMA = "http://data.europa.eu/snb/model/ap/edc-generic-full"
GENERIC_PROFILE = "http://data.europa.eu/snb/credential/e34929035b"
CREDENTIAL_TYPES = "http://data.europa.eu/snb/credential/25831c2"
EQF = "http://data.europa.eu/snb/eqf"
EQF_SCHEME = "http://data.europa.eu/snb/eqf/25831c2"
LEARNING_ASSESSMENT_SCHEME = "http://data.europa.eu/snb/learning-assessment/25831c2"
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language"
LANGUAGES = {"en": "ENG", "es": "SPA", "it": "ITA", "pt": "POR"}


def _concept(uri: str, scheme: str, label: dict) -> dict:
    return {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": label,
    }


def _language(code: str) -> dict:
    authority = LANGUAGES.get(code, "ENG")
    return _concept(f"{LANGUAGE_AUTHORITY}/{authority}", LANGUAGE_AUTHORITY, {"en": authority})


def _date_time(iso_date: str) -> str:
    return datetime.date.fromisoformat(iso_date).strftime("%Y-%m-%dT00:00:00Z")


def elm_document(
    *, serial: str, language: str, snapshot: dict, verification_url: str, participation_label
) -> dict:
    """The ELM document of one certificate. `participation_label` is the form of participation
    in the certificate's language (the course's choice label)."""
    s = snapshot
    text = lambda value: {language: str(value)}  # noqa: E731 - a language-tagged string
    urn = f"urn:epass:{{}}:{serial}"
    organisation = {
        "id": urn.format("org"),
        "type": "Organisation",
        "legalName": text(s.get("awarding_body", "")),
        "location": [
            {
                "id": urn.format("location"),
                "type": "Location",
                "address": [
                    {
                        "id": urn.format("address"),
                        "type": "Address",
                        "countryCode": _concept(
                            country_uri(s.get("country_code", "")) or urn.format("country"),
                            EU_COUNTRY_AUTHORITY,
                            text(s.get("country", "")),
                        ),
                    }
                ],
            }
        ],
    }
    awarding = {
        "id": urn.format("awardingProcess"),
        "type": "AwardingProcess",
        "awardingBody": [organisation],
        "awardingDate": _date_time(s["issued_on"]),
    }
    specification = {
        "id": urn.format("learningAchievementSpec"),
        "type": "LearningAchievementSpecification",
        "title": text(s.get("course_title", "")),
        "learningOutcome": [
            {
                "id": f"{urn.format('learningOutcome')}:{n}",
                "type": "LearningOutcome",
                "title": text(outcome),
            }
            for n, outcome in enumerate(s.get("learning_outcomes") or [], start=1)
        ],
        "volumeOfLearning": f"PT{int(s.get('notional_hours') or 0)}H",
        "mode": [
            _concept(
                f"urn:epass:participation:{s.get('participation_form', '')}",
                LEARNING_ASSESSMENT_SCHEME,
                text(participation_label),
            )
        ],
        "additionalNote": [
            {
                "id": urn.format("qualityAssurance"),
                "type": "Note",
                "noteLiteral": text(s.get("quality_assurance", "")),
                "subject": _concept(
                    "urn:epass:note:quality-assurance",
                    "urn:epass:note",
                    {"en": "Quality assurance"},
                ),
            }
        ],
    }
    if s.get("eqf_level"):
        level = int(s["eqf_level"])
        specification["eqfLevel"] = _concept(f"{EQF}/{level}", EQF_SCHEME, {"en": f"Level {level}"})
    assessment = {
        "id": urn.format("learningAssessment"),
        "type": "LearningAssessment",
        "title": text(s.get("assessment_type", "")),
        "awardedBy": awarding,
    }
    if s.get("supervision"):
        assessment["additionalNote"] = [
            {"id": urn.format("supervision"), "type": "Note", "noteLiteral": text(s["supervision"])}
        ]
    # The holder is named, as printed; the identifier is a hash, so the document carries no
    # account number or address of ours.
    person = hashlib.sha256(f"{serial}:{s.get('printed_name', '')}".encode()).hexdigest()[:16]
    return {
        "@context": CONTEXT,
        "id": urn.format("credential"),
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSchema": [{"id": EDC_SCHEMA, "type": "ShaclValidator2017"}],
        "credentialProfiles": [
            _concept(GENERIC_PROFILE, CREDENTIAL_TYPES, {"en": "Generic"}),
        ],
        "identifier": [
            {
                "id": urn.format("identifier"),
                "type": "Identifier",
                "notation": serial,
                "schemeName": "Serial number",
            },
        ],
        "issuanceDate": _date_time(s["issued_on"]),
        "validFrom": _date_time(s["issued_on"]),
        "issuer": organisation,
        "credentialSubject": {
            "id": f"urn:epass:person:{person}",
            "type": "Person",
            "fullName": text(s.get("printed_name", "")),
            "hasClaim": [
                {
                    "id": urn.format("learningAchievement"),
                    "type": "LearningAchievement",
                    "title": text(s.get("course_title", "")),
                    "awardedBy": awarding,
                    "provenBy": [assessment],
                    "specifiedBy": specification,
                    "supplementaryDocument": [
                        {
                            "id": verification_url,
                            "type": "WebResource",
                            "title": {"en": "Verification"},
                            "contentURL": verification_url,
                        },
                    ],
                }
            ],
        },
        "displayParameter": {
            "id": urn.format("displayParameter"),
            "type": "DisplayParameter",
            "title": text(s.get("course_title", "")),
            "language": [_language(language)],
            "primaryLanguage": _language(language),
        },
    }
