"""Reads for certificates: eligibility facts, the certify queue, scoping, the learning record."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from wagtail.models import Site

from assessments.attendance import selectors as attendance_selectors
from assessments.attendance.rules import AttendanceSummary
from assessments.practical import selectors as practical_selectors
from assessments.practical.rules import PracticalResult
from assessments.quizzes import selectors as quiz_selectors
from assessments.quizzes.rules import QuizResult
from certificates import rules
from certificates.models import Certificate, CertificateBatch, CertificateSettings
from courses import selectors as course_selectors
from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion
from courses.rules import Progress
from lms.i18n import localized_pages


def branding() -> CertificateSettings:
    """The certificate settings of the default site (unsaved defaults if none were entered)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return CertificateSettings()
    return CertificateSettings.for_site(site)


def eligibility_facts(
    *, cohort: Cohort, enrolments: Iterable[Enrolment] | None = None
) -> dict[int, rules.EligibilityFacts]:
    """The facts behind the completion decision for each enrolment of a cohort, keyed by
    enrolment id. A fixed number of queries, whatever the cohort's size."""
    if enrolments is None:
        enrolments = cohort.enrolments.all()
    return eligibility_facts_for_cohorts(
        cohorts=[cohort],
        enrolments=list(enrolments),
        attendance=attendance_selectors.attendance_summaries(cohort=cohort),
        practicals=practical_selectors.practical_results(cohort=cohort),
    )


def eligibility_facts_for_cohorts(
    *,
    cohorts: list[Cohort],
    enrolments: list[Enrolment],
    attendance: dict[int, AttendanceSummary] | None = None,
    practicals: dict[int, list[PracticalResult]] | None = None,
    progress: dict[int, Progress] | None = None,
) -> dict[int, rules.EligibilityFacts]:
    """`eligibility_facts` for enrolments of many cohorts (their courses loaded) at once: six
    queries whatever the number of cohorts and learners, two when the caller already holds the
    attendance summaries and practical results (keyed by enrolment id), none when it holds
    their required lessons' progress too (`courses.rules.lesson_progress`, as "My learning")."""
    by_cohort = {c.pk: c for c in cohorts}
    if attendance is None:
        attendance = attendance_selectors.attendance_summaries_for_cohorts(cohorts=cohorts)
    if practicals is None:
        practicals = defaultdict(list)
        for cell in practical_selectors.practical_cells(cohorts=cohorts, enrolments=enrolments):
            practicals[cell.enrolment.pk].append(cell.result)
    # The theory tests' results (one query): certificates read the decision, never re-derive it.
    quizzes = quiz_selectors.quiz_results(cohorts=cohorts, enrolments=enrolments)
    if progress is not None:
        return {
            enrolment.pk: _facts(
                enrolment,
                by_cohort[enrolment.cohort_id].course,
                attendance,
                practicals,
                progress[enrolment.pk],
                quizzes,
            )
            for enrolment in enrolments
        }
    required = course_selectors.required_lesson_ids_by_course(
        courses={c.course_id: c.course for c in cohorts}.values()
    )
    done: dict[int, set[int]] = defaultdict(set)
    for enrolment_id, lesson_id in LessonCompletion.objects.filter(
        enrolment__in=[e.pk for e in enrolments],
        lesson_id__in=[pk for ids in required.values() for pk in ids],
    ).values_list("enrolment_id", "lesson_id"):
        done[enrolment_id].add(lesson_id)
    facts = {}
    for enrolment in enrolments:
        course = by_cohort[enrolment.cohort_id].course
        required_ids = required.get(course.pk, [])
        lessons = Progress(
            done=len(done[enrolment.pk].intersection(required_ids)), required=len(required_ids)
        )
        facts[enrolment.pk] = _facts(enrolment, course, attendance, practicals, lessons, quizzes)
    return facts


def _facts(
    enrolment, course, attendance, practicals, lessons: Progress, quizzes
) -> rules.EligibilityFacts:
    return rules.EligibilityFacts(
        enrolment_status=enrolment.status,
        withdrawn_on=enrolment.withdrawn_on,
        awards_certificate=course.awards_certificate,
        attendance_required=course.attendance_required,
        attendance_threshold=course.attendance_threshold,
        attendance=attendance.get(enrolment.pk),
        practicals=tuple(practicals.get(enrolment.pk, ())),
        required_lessons=lessons.required,
        required_lessons_done=lessons.done,
        quizzes=tuple(quizzes.get(enrolment.pk, ())),
    )


@dataclass(frozen=True)
class QueueRow:
    enrolment: Enrolment
    eligibility: rules.Eligibility
    certificate: Certificate | None  # the current one (valid or revoked), if any
    # The learner's attendance as the attendance pages show it (None: not required, no data).
    attendance: AttendanceSummary | None = None
    # Where the learner stands on each theory test of the course (the decision read above).
    quizzes: tuple[QuizResult, ...] = ()

    @property
    def certifiable(self) -> bool:
        return self.certificate is None and self.eligibility.eligible


def certify_queue(*, cohort: Cohort) -> list[QueueRow]:
    """Every learner of the cohort: certified, eligible, or not yet (with the reasons)."""
    enrolments = list(
        cohort.enrolments.select_related("learner__profile").order_by(
            "learner__profile__printed_name", "pk"
        )
    )
    rows = certify_rows(
        cohorts=[cohort],
        enrolments=enrolments,
        attendance=attendance_selectors.attendance_summaries(cohort=cohort),
        practicals=practical_selectors.practical_results(cohort=cohort),
    )
    return [rows[enrolment.pk] for enrolment in enrolments]


def certify_rows(
    *,
    cohorts: list[Cohort],
    enrolments: list[Enrolment],
    attendance: dict[int, AttendanceSummary] | None = None,
    practicals: dict[int, list[PracticalResult]] | None = None,
    progress: dict[int, Progress] | None = None,
) -> dict[int, QueueRow]:
    """The certify queue's row of each enrolment of many cohorts, keyed by enrolment id: one
    query more than `eligibility_facts_for_cohorts`, whatever the number of cohorts."""
    facts = eligibility_facts_for_cohorts(
        cohorts=cohorts,
        enrolments=enrolments,
        attendance=attendance,
        practicals=practicals,
        progress=progress,
    )
    current = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(enrolment__in=[e.pk for e in enrolments]).exclude(
            status=Certificate.Status.SUPERSEDED
        )
    }
    return {
        enrolment.pk: QueueRow(
            enrolment=enrolment,
            eligibility=rules.eligibility(facts[enrolment.pk]),
            certificate=current.get(enrolment.pk),
            attendance=facts[enrolment.pk].attendance,
            quizzes=tuple(facts[enrolment.pk].quizzes),
        )
        for enrolment in enrolments
    }


def cohorts_for_certification(*, user) -> QuerySet[Cohort]:
    return (
        course_selectors.cohorts_coordinated_by(user)
        .select_related("course", "region")
        .annotate(
            learner_count=Count("enrolments", distinct=True),
            certified_count=Count(
                "enrolments__certificates",
                filter=Q(enrolments__certificates__status=Certificate.Status.VALID),
                distinct=True,
            ),
        )
        .order_by("-start_date", "name")
    )


def certificates_managed_by(user) -> QuerySet[Certificate]:
    """Certificates a member of staff may revoke, re-issue or retry: their cohorts' ones."""
    return Certificate.objects.filter(
        enrolment__cohort__in=course_selectors.cohorts_coordinated_by(user).values("pk")
    )


def certificates_visible_to(user) -> QuerySet[Certificate]:
    """A learner's own certificates, and those of the cohorts a coordinator coordinates."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(
        Q(enrolment__learner=user)
        | Q(enrolment__cohort__in=course_selectors.cohorts_coordinated_by(user).values("pk"))
    )


def certificates_of(*, learner) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(enrolment__learner=learner)
        .select_related("enrolment__cohort")
        .order_by("-issued_at")
    )


def batches_visible_to(user) -> QuerySet[CertificateBatch]:
    return CertificateBatch.objects.filter(
        cohort__in=course_selectors.cohorts_coordinated_by(user).values("pk")
    )


@dataclass(frozen=True)
class BatchProgress:
    total: int
    rendered: int
    failed: int

    @property
    def pending(self) -> int:
        return self.total - self.rendered - self.failed

    @property
    def percent(self) -> int:
        if self.total == 0:
            return 100
        return (self.rendered + self.failed) * 100 // self.total

    @property
    def finished(self) -> bool:
        return self.pending == 0


def batch_progress(*, batch: CertificateBatch) -> BatchProgress:
    counts = batch.certificates.aggregate(
        total=Count("pk"),
        rendered=Count("pk", filter=Q(render_status=Certificate.Render.RENDERED)),
        failed=Count("pk", filter=Q(render_status=Certificate.Render.FAILED)),
    )
    return BatchProgress(**counts)


def certificate_by_lookup(*, text: str) -> Certificate | None:
    """A certificate by its verification code, the code's short form printed under the QR code,
    or its serial number. Only the two codes entitle a visitor to the whole record: the caller
    checks which one was given (`rules.looks_like_serial`)."""
    text = (text or "").strip()
    # No code or serial holds a NUL character, and PostgreSQL refuses one in a query: a
    # scanned or typed address such as /verify/a%00b/ is simply unknown.
    if not text or "\x00" in text:
        return None
    certificates = Certificate.objects.select_related("superseded_by")
    if rules.looks_like_serial(text):
        return certificates.filter(serial=text).first()
    start = rules.verification_code_start(text)
    if not start:
        return certificates.filter(verification_code=text).first()
    # The short form stands for the code's first 60 bits: one certificate in practice. SQLite's
    # LIKE ignores case, so the match is confirmed here, and two matches would be refused.
    found = [
        certificate
        for certificate in certificates.filter(verification_code__startswith=start)[:2]
        if certificate.verification_code.startswith(start)
    ]
    return found[0] if len(found) == 1 else None


def certificate_by_sha256(*, digest: str) -> Certificate | None:
    return Certificate.objects.filter(sha256=digest).exclude(sha256="").first()


@dataclass(frozen=True)
class RecordEntry:
    enrolment: Enrolment
    course: object
    trade: str  # in the record's language
    outcomes: list[str]
    certificate: Certificate | None
    # Each theory test passed: (its name in the record's language, the day), assisted or not.
    tests_passed: tuple[tuple[str, object, bool], ...] = ()
    state: str = ""  # rules.record_state, set by certificates.learning_record


def learning_record(*, learner, language: str | None = None) -> list[RecordEntry]:
    """Every course the learner took, certified or not (withdrawals left out), oldest first;
    course titles, outcomes and trades in `language` (the active one by default) where
    translated."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("cohort__course__trade", "cohort__region")
        .order_by("cohort__start_date", "pk")
    )
    certificates = defaultdict(list)
    for certificate in Certificate.objects.filter(
        enrolment__in=[e.pk for e in enrolments], status=Certificate.Status.VALID
    ):
        certificates[certificate.enrolment_id].append(certificate)
    courses = localized_pages(
        [e.cohort.course for e in enrolments],
        queryset=CoursePage.objects.select_related("trade"),
        language=language,
    )
    tests = _tests_passed(enrolments, language)
    return [
        RecordEntry(
            enrolment=e,
            course=course,
            # The translation's trade, which an editor may have set apart from the original's.
            trade=course.trade.name_in(language),
            outcomes=course.outcomes,
            certificate=(certificates.get(e.pk) or [None])[0],
            tests_passed=tests.get(e.pk, ()),
        )
        for e, course in zip(enrolments, courses, strict=True)
    ]


def _tests_passed(enrolments, language) -> dict[int, tuple]:
    cohorts = list({e.cohort_id: e.cohort for e in enrolments}.values())
    results = quiz_selectors.quiz_results(cohorts=cohorts, enrolments=enrolments)
    names = quiz_selectors.quiz_names(
        ids={r.quiz_id for rs in results.values() for r in rs}, language=language
    )
    return {
        pk: tuple((names[r.quiz_id], r.passed_on, r.supervised) for r in rs if r.passed)
        for pk, rs in results.items()
    }


@dataclass(frozen=True)
class CourseStanding:
    status: rules.CourseStatus
    certificate: Certificate | None  # the current one (valid or revoked), if any


def course_statuses(*, entries) -> dict[int, CourseStanding]:
    """The learner's status in each course of their dashboard (`courses.selectors.DashboardEntry`
    items, cohorts and courses loaded), keyed by enrolment id: the certify queue's decision and
    current certificate, the learner's attendance and practical results, read in a fixed number
    of queries whatever the number of courses."""
    enrolments = [entry.enrolment for entry in entries]
    if not enrolments:
        return {}
    cohorts = list({e.cohort_id: e.cohort for e in enrolments}.values())
    ids = [e.pk for e in enrolments]
    attendance = attendance_selectors.attendance_summaries_for_cohorts(
        cohorts=cohorts, enrolment_ids=ids
    )
    practicals: dict[int, list[PracticalResult]] = defaultdict(list)
    for cell in practical_selectors.practical_cells(cohorts=cohorts, enrolments=enrolments):
        practicals[cell.enrolment.pk].append(cell.result)
    rows = certify_rows(
        cohorts=cohorts,
        enrolments=enrolments,
        attendance=attendance,
        practicals=practicals,
        progress={entry.enrolment.pk: entry.progress for entry in entries},
    )
    statuses = {}
    for entry in entries:
        enrolment, row = entry.enrolment, rows[entry.enrolment.pk]
        course = enrolment.cohort.course
        status = rules.course_status(
            rules.CourseStatusFacts(
                enrolment_status=enrolment.status,
                withdrawn_on=enrolment.withdrawn_on,
                lessons_done=entry.lessons_done,
                required_lessons=entry.progress.required,
                required_lessons_done=entry.progress.done,
                next_lesson_id=entry.next_lesson.pk if entry.next_lesson else None,
                awards_certificate=course.awards_certificate,
                attendance=attendance.get(enrolment.pk),
                practicals=tuple(practicals.get(enrolment.pk, ())),
                eligibility=row.eligibility,
                certificate_status=row.certificate.status if row.certificate else None,
                certificate_reason=row.certificate.status_reason if row.certificate else "",
                quizzes=row.quizzes,
            )
        )
        statuses[enrolment.pk] = CourseStanding(status=status, certificate=row.certificate)
    return statuses
