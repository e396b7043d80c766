"""The models of assessments, one module per kind of assessment, under one app label."""

from assessments.models.attendance import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceRisk,
    AttendanceStatus,
    AttendanceTally,
)
from assessments.models.checkin import CheckInWindow, LearnerCard, SelfCheckIn
from assessments.models.practical import (
    MSG_CRITERION_IN_USE,
    AssessmentTemplate,
    AssessmentTemplateForm,
    Attempt,
    Criterion,
    CriterionResult,
    Evidence,
    Review,
    evidence_upload_to,
)
from assessments.models.quizzes import (
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuestionKind,
    QuestionOption,
    Quiz,
    QuizAttempt,
    QuizDraw,
)
from assessments.models.reminders import (
    CalendarFeed,
    MarginNudge,
    ReminderChannel,
    ReminderPreference,
    ReminderStatus,
    SessionReminder,
)

__all__ = [
    "MSG_CRITERION_IN_USE",
    "AssessmentTemplate",
    "AssessmentTemplateForm",
    "Attempt",
    "AttemptQuestion",
    "AttendanceChange",
    "AttendanceRecord",
    "AttendanceRisk",
    "AttendanceStatus",
    "AttendanceTally",
    "CalendarFeed",
    "CheckInWindow",
    "Criterion",
    "CriterionResult",
    "Evidence",
    "LearnerCard",
    "MarginNudge",
    "Question",
    "QuestionCategory",
    "QuestionKind",
    "QuestionOption",
    "Quiz",
    "QuizAttempt",
    "QuizDraw",
    "ReminderChannel",
    "ReminderPreference",
    "ReminderStatus",
    "Review",
    "SelfCheckIn",
    "SessionReminder",
    "evidence_upload_to",
]
