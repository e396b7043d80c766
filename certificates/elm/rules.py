"""The mandatory micro-credential fields (Council Recommendation 2022/C 243/02, as the European
Learning Model carries them), and which of them a certificate or a course lacks: pure, no ORM."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

# In the order the Recommendation lists them; each with the words a coordinator reads.
MANDATORY_FIELDS = {
    "learner": _("the learner's name"),
    "title": _("the title"),
    "country": _("the awarding body's country"),
    "awarding_body": _("the awarding body"),
    "issued_on": _("the date of issue"),
    "learning_outcomes": _("the learning outcomes"),
    "workload": _("the notional workload in hours"),
    "eqf_level": _("the EQF level"),
    "assessment_type": _("the type of assessment"),
    "participation_form": _("the form of participation"),
    "quality_assurance": _("the quality assurance statement"),
}
# What a course and the certificate settings decide; the learner and the date come at issue.
COURSE_FIELDS = tuple(key for key in MANDATORY_FIELDS if key not in ("learner", "issued_on"))


def _empty(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not any(str(item).strip() for item in value)
    return value is None or value == 0


def missing_fields(values: Mapping[str, object], *, fields=tuple(MANDATORY_FIELDS)) -> list:
    """The words for each of `fields` that is absent or empty in `values` (a list of outcomes
    with nothing written in it is empty, and so is a workload of 0 hours)."""
    return [MANDATORY_FIELDS[key] for key in fields if _empty(values.get(key))]


def snapshot_values(snapshot: Mapping) -> dict:
    """The mandatory fields of a certificate, as its snapshot froze them at issue."""
    return {
        "learner": snapshot.get("printed_name"),
        "title": snapshot.get("course_title"),
        "country": snapshot.get("country_code") or snapshot.get("country"),
        "awarding_body": snapshot.get("awarding_body"),
        "issued_on": snapshot.get("issued_on"),
        "learning_outcomes": snapshot.get("learning_outcomes"),
        "workload": snapshot.get("notional_hours"),
        "eqf_level": snapshot.get("eqf_level"),
        "assessment_type": snapshot.get("assessment_type"),
        "participation_form": snapshot.get("participation_form"),
        "quality_assurance": snapshot.get("quality_assurance"),
    }


def course_missing_fields(
    *,
    title: str,
    outcomes,
    hours,
    eqf_level,
    assessment_type: str,
    participation_form: str,
    awarding_body: str,
    country: str,
    quality_assurance: str,
) -> list:
    """What a course (with the certificate settings) lacks before its certificates can carry
    every mandatory field: the certify queue says so before anyone certifies."""
    values = {
        "title": title,
        "country": country,
        "awarding_body": awarding_body,
        "learning_outcomes": outcomes,
        "workload": hours,
        "eqf_level": eqf_level,
        "assessment_type": assessment_type,
        "participation_form": participation_form,
        "quality_assurance": quality_assurance,
    }
    return missing_fields(values, fields=COURSE_FIELDS)
