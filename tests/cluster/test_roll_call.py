"""Roll calls saved at the same moment through both nodes.

A roll call is saved whole: the browser sends every row's status, note and the version of the record
the page showed. What the app promises (assessments.attendance.services.roll_call_save): saves of
one session happen one after the other; a save that would overwrite a record someone else changed
since the page was shown saves nothing, and shows the person those rows, with the other person's
value, to decide again; every creation and change of a record leaves an AttendanceChange.
"""

import re
import threading

import requests

from assessments.models import AttendanceChange, AttendanceRecord
from tests import factories
from tests.cluster.conftest import Node, page, unique_username

ROW_FIELD = re.compile(r"^(status|note|version)-(\d+)$")
CONFLICT = "Changed by someone else meanwhile."


def roll_call_form(response: requests.Response) -> dict[str, str]:
    """The roll call's fields as the browser would send them: the ticked status of each row
    (none if no status is chosen), its note and the record version the page was built from."""
    form = {}
    for field in page(response).select("form input[name]"):
        if not ROW_FIELD.match(field["name"]):
            continue
        if field.get("type") == "radio" and not field.has_attr("checked"):
            continue
        form[field["name"]] = field.get("value", "")
    return form


def post_at_once(sends: list[tuple[Node, str, dict]]) -> list[requests.Response]:
    """Send each form from its own thread, released together."""
    start = threading.Barrier(len(sends))
    responses: list[requests.Response | None] = [None] * len(sends)

    def send(index: int, node: Node, path: str, data: dict) -> None:
        start.wait()
        responses[index] = node.post(path, data)

    threads = [
        threading.Thread(target=send, args=(index, *item)) for index, item in enumerate(sends)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def roll_call_setup(new_cohort, certifiable_course, logged_in, learners: int = 12):
    staffed = new_cohort(course=certifiable_course, learners=learners, trainers=2)
    session = factories.SessionFactory(cohort=staffed.cohort, topic=unique_username("Proving"))
    # The rows in the order the roll call shows them (by printed name).
    enrolments = sorted(
        staffed.enrolments, key=lambda e: (e.learner.profile.printed_name, e.learner.username)
    )
    node_a = logged_in(0, staffed.trainers[0].username)
    node_b = logged_in(1, staffed.trainers[1].username)
    return staffed, session, enrolments, node_a, node_b


def choose(form: dict[str, str], marks: dict[int, tuple[str, str]]) -> dict[str, str]:
    """The form with `marks` ({enrolment id: (status, note)}) chosen, as a trainer taps them."""
    chosen = dict(form)
    for pk, (status, note) in marks.items():
        chosen[f"status-{pk}"] = status
        chosen[f"note-{pk}"] = note
    return chosen


def recorded(session) -> dict[int, tuple[str, str, str]]:
    return {
        record.enrolment_id: (record.status, record.note, record.recorded_by.username)
        for record in AttendanceRecord.objects.filter(session=session).select_related("recorded_by")
    }


def history(session) -> dict[int, list[tuple[str, str, str]]]:
    """Each learner's changes, oldest first: (old status, new status, who)."""
    changes: dict[int, list[tuple[str, str, str]]] = {}
    for change in (
        AttendanceChange.objects.filter(record__session=session)
        .select_related("record", "changed_by")
        .order_by("changed_at", "pk")
    ):
        changes.setdefault(change.record.enrolment_id, []).append(
            (change.old_status, change.new_status, change.changed_by.username)
        )
    return changes


def test_roll_calls_of_different_learners_saved_at_once_through_both_nodes_keep_every_mark(
    cluster, logged_in, new_cohort, certifiable_course
):
    staffed, session, enrolments, node_a, node_b = roll_call_setup(
        new_cohort, certifiable_course, logged_in
    )
    path = f"/attendance/sessions/{session.pk}/roll-call/"
    trainer_a, trainer_b = (trainer.username for trainer in staffed.trainers)
    statuses = ["present", "late", "excused"]
    marks_a = {e.pk: (statuses[i % 3], "") for i, e in enumerate(enrolments[:6])}
    marks_b = {e.pk: (statuses[i % 3], f"Note {i}") for i, e in enumerate(enrolments[6:])}
    # Both trainers open the empty roll call before either saves; each marks their half.
    form_a, form_b = roll_call_form(node_a.get(path)), roll_call_form(node_b.get(path))
    assert not any(key.startswith("status-") for key in form_a | form_b)

    responses = post_at_once(
        [(node_a, path, choose(form_a, marks_a)), (node_b, path, choose(form_b, marks_b))]
    )

    assert [response.status_code for response in responses] == [302, 302]
    assert "Roll call saved: 6 new, 0 changed." in node_a.get(path).text
    assert "Roll call saved: 6 new, 0 changed." in node_b.get(path).text
    expected = {pk: (*mark, trainer_a) for pk, mark in marks_a.items()} | {
        pk: (*mark, trainer_b) for pk, mark in marks_b.items()
    }
    assert recorded(session) == expected
    assert history(session) == {
        pk: [("", status, who)] for pk, (status, _note, who) in expected.items()
    }
    # What each trainer sees now, on either node: all twelve marks.
    shown = roll_call_form(node_a.get(path))
    assert {pk: shown[f"status-{pk}"] for pk in expected} == {
        pk: status for pk, (status, _note, _who) in expected.items()
    }


def test_roll_calls_changing_the_same_learners_at_once_save_one_and_show_the_other_its_conflicts(
    cluster, logged_in, new_cohort, certifiable_course
):
    staffed, session, enrolments, node_a, node_b = roll_call_setup(
        new_cohort, certifiable_course, logged_in
    )
    path = f"/attendance/sessions/{session.pk}/roll-call/"
    trainers = {node_a: staffed.trainers[0].username, node_b: staffed.trainers[1].username}
    first_take = {e.pk: ("present", "") for e in enrolments}
    first = node_a.post(path, choose(roll_call_form(node_a.get(path)), first_take))
    assert first.status_code == 302

    # Both open the roll call as it now stands; learners 3 to 5 are changed by both.
    intents = {
        node_a: {e.pk: ("late", "") for e in enrolments[0:6]},
        node_b: {e.pk: ("excused", "Sent home ill") for e in enrolments[3:9]},
    }
    forms = {node: roll_call_form(node.get(path)) for node in (node_a, node_b)}
    responses = dict(
        zip(
            (node_a, node_b),
            post_at_once([(node, path, choose(forms[node], intents[node])) for node in forms]),
            strict=True,
        )
    )

    # One is saved; the other saves nothing and says why: the session's saves are serialised
    # and the second one's versions are stale.
    saved = [node for node, response in responses.items() if response.status_code == 302]
    assert len(saved) == 1, [response.status_code for response in responses.values()]
    winner = saved[0]
    loser = node_b if winner is node_a else node_a
    refused = responses[loser]
    assert refused.status_code == 200
    changed_by_winner = set(intents[winner])
    assert (
        f"Nothing was saved: someone else changed {len(changed_by_winner)} of these records"
        in refused.text
    )
    after_race = {pk: (*first_take[pk], trainers[node_a]) for pk in first_take}
    after_race |= {pk: (*mark, trainers[winner]) for pk, mark in intents[winner].items()}
    assert recorded(session) == after_race

    # The refused page highlights exactly the rows the winner changed, their status left for
    # the person to choose again, with the version now current.
    refused_page = page(refused)
    highlighted = {
        int(row["id"].removeprefix("row-"))
        for row in refused_page.select("fieldset.roll-row")
        if CONFLICT in row.get_text()
    }
    assert highlighted == changed_by_winner
    again = roll_call_form(refused)
    assert not any(f"status-{pk}" in again for pk in highlighted)
    assert {again[f"version-{pk}"] for pk in highlighted} == {"2"}

    # The loser chooses again for the learners they meant to change and saves: theirs is now
    # the last word on those learners; the winner's other marks stay.
    redo = {pk: mark for pk, mark in intents[loser].items() if pk in highlighted}
    assert loser.post(path, choose(again, redo)).status_code == 302
    assert f"Roll call saved: 0 new, {len(intents[loser])} changed." in loser.get(path).text
    final = dict(after_race)
    final |= {pk: (*mark, trainers[loser]) for pk, mark in intents[loser].items()}
    assert recorded(session) == final

    # Every save left its trace, in order, for every learner: nothing was overwritten unseen.
    expected_history = {pk: [("", "present", trainers[node_a])] for pk in first_take}
    for node in (winner, loser):
        for pk, (status, _note) in intents[node].items():
            old = expected_history[pk][-1][1]
            if old != status:
                expected_history[pk].append((old, status, trainers[node]))
    assert history(session) == expected_history
    overlap = set(intents[node_a]) & set(intents[node_b])
    assert all(len(expected_history[pk]) == 3 for pk in overlap)
