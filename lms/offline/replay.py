"""How a view answers a write sent later by the phone's queue (static/js/offline.js): the request
carries the phone's key in the Idempotency-Key header, and the answer is JSON the queue reads."""

from django.http import JsonResponse

from lms.models import ReplayedWrite
from lms.offline.services import ReplayResult

HEADER = "Idempotency-Key"


def replay_key(request) -> str | None:
    return request.headers.get(HEADER) or None


def replay_answer(result: ReplayResult) -> JsonResponse:
    done = result.outcome == ReplayedWrite.Outcome.DONE
    return JsonResponse(
        {"outcome": result.outcome, "message": result.message, "repeated": result.repeated},
        status=200 if done else 422,
    )


def conflict_answer(message: str) -> JsonResponse:
    """The write was not made because someone changed the same thing meanwhile: the person
    opens the page and chooses, as online (nothing is kept for the key)."""
    return JsonResponse({"outcome": "conflict", "message": message}, status=409)


def refused_answer(message: str) -> JsonResponse:
    return JsonResponse({"outcome": ReplayedWrite.Outcome.REFUSED, "message": message}, status=422)
