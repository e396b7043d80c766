"""What a certificate carries, frozen at issue in the certificate's language: the printed name,
the course's words and the EU micro-credential fields. The PDF, the verify page and the European
Learning Model export all read this snapshot, never the live course."""

from certificates import countries, rules, selectors
from certificates.written_tests import written_tests
from courses.models import CoursePage, Enrolment
from lms.i18n import localized_page


def certificate_snapshot(
    *, enrolment: Enrolment, facts: rules.EligibilityFacts, issued_on, language: str
) -> dict:
    cohort = enrolment.cohort
    # Course rules come from the original; the words printed from its translation, if live.
    rules_course: CoursePage = cohort.course
    course = localized_page(
        rules_course, queryset=CoursePage.objects.select_related("trade"), language=language
    )
    branding = selectors.branding()
    attendance_rate = None
    if rules_course.attendance_required and facts.attendance is not None:
        rate = facts.attendance.rate_whole_course
        attendance_rate = str(rate) if rate is not None else None
    return {
        "printed_name": enrolment.learner.display_name,
        "course_title": course.title,
        # The trade as the course reads in the certificate's language: an editor may set
        # another on the translation. Trade and region names are in that language too.
        "trade": course.trade.name_in(language),
        "kind": course.kind,
        "eqf_level": course.eqf_level,
        "notional_hours": course.notional_hours,
        "learning_outcomes": course.outcomes,
        "assessment_type": course.assessment_type,
        **written_tests(getattr(facts, "quizzes", ()), language),
        "participation_form": course.participation_form,
        "attendance_rate": attendance_rate,
        "cohort_start": cohort.start_date.isoformat(),
        "cohort_end": cohort.end_date.isoformat(),
        "region": cohort.region.name_in(language),
        "awarding_body": branding.awarding_body,
        # The country and the signatory's title in the certificate's language.
        "country": countries.country_name(branding.country, language),
        "country_code": branding.country,
        "quality_assurance": branding.in_language("quality_assurance", language),
        "signatory_name": branding.signatory_name,
        "signatory_title": branding.in_language("signatory_title", language),
        "issued_on": issued_on.isoformat(),
        "language": language,
    }
