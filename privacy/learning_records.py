"""The learning records a person downloaded (certificates.LearningRecord): in their data, each
with its code and what it said; on erasure they stay checkable by the code printed on them, with
the name withheld, as certificates do."""

from certificates.models import LearningRecord


def export(user) -> list:
    """One query."""
    return [
        {
            "verification_code": code,
            "issued_at": issued.isoformat(),
            "language": language,
            "recorded": snapshot,
        }
        for code, issued, language, snapshot in LearningRecord.objects.filter(learner=user)
        .order_by("issued_at", "pk")
        .values_list("verification_code", "issued_at", "language", "snapshot")
    ]


def erase(user) -> list[str]:
    records = list(LearningRecord.objects.filter(learner=user))
    for record in records:
        record.snapshot = {**record.snapshot, "printed_name": "", "name_withheld": True}
    LearningRecord.objects.bulk_update(records, ["snapshot"])
    return []
