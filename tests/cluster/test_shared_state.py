"""Two web nodes, one state: sessions, progress and concurrent writes."""

import threading

import requests

from courses.models import LessonCompletion, LessonPage


def lessons_of(cohort) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(cohort.course).live().order_by("path"))


def test_both_nodes_are_healthy_on_postgresql_and_the_database_queue(cluster):
    for url in cluster.urls:
        report = requests.get(f"{url}/health/", timeout=10).json()
        assert report["database"] == {"status": "ok", "vendor": "postgresql"}
        assert report["task_queue"]["backend"] == "DatabaseBackend"


def test_a_session_started_on_one_node_is_valid_on_the_other(cluster, new_learner):
    enrolment = new_learner()
    browser = cluster.node(0)
    browser.log_in(enrolment.learner.username)

    # Same browser, other node: the session cookie is accepted there (shared session store and
    # SECRET_KEY), so the dashboard shows instead of the login page.
    on_other_node = browser.http.get(f"{cluster.urls[1]}/learning/", timeout=30)
    assert on_other_node.url == f"{cluster.urls[1]}/learning/"
    assert "My learning" in on_other_node.text
    assert enrolment.cohort.course.title in on_other_node.text


def test_a_session_is_refused_after_logging_out_on_the_other_node(cluster, new_learner):
    enrolment = new_learner()
    browser = cluster.node(0)
    browser.log_in(enrolment.learner.username)
    browser.base_url = cluster.urls[1]
    assert browser.post("/accounts/logout/").status_code == 302

    browser.base_url = cluster.urls[0]
    after = browser.get("/learning/", allow_redirects=False)
    assert after.status_code == 302
    assert "/accounts/login/" in after.headers["Location"]


def test_a_lesson_marked_done_on_one_node_shows_on_the_other(cluster, new_learner, logged_in):
    enrolment = new_learner()
    lessons = lessons_of(enrolment.cohort)
    required = sum(1 for lesson in lessons if lesson.required_for_completion)
    node_1 = logged_in(0, enrolment.learner.username)
    node_2 = logged_in(1, enrolment.learner.username)
    assert f"0 of {required} required lessons done" in node_2.get("/learning/").text

    first_required = next(lesson for lesson in lessons if lesson.required_for_completion)
    assert node_1.post(f"/learning/lessons/{first_required.pk}/done/").status_code == 302

    assert f"1 of {required} required lessons done" in node_2.get("/learning/").text


def test_concurrent_mark_as_done_through_both_nodes_gives_one_completion(
    cluster, new_learner, logged_in
):
    enrolment = new_learner()
    lesson = lessons_of(enrolment.cohort)[0]
    per_node = 8
    browsers = [logged_in(index, enrolment.learner.username) for index in (0, 1)]
    start = threading.Barrier(2 * per_node)
    statuses: list[int] = []
    lock = threading.Lock()

    def press(browser):
        # Each thread gets its own connection, with the browser's cookies.
        http = requests.Session()
        http.cookies.update(browser.http.cookies)
        token = http.cookies["csrftoken"]
        start.wait()
        response = http.post(
            f"{browser.base_url}/learning/lessons/{lesson.pk}/done/",
            data={"csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=60,
        )
        with lock:
            statuses.append(response.status_code)

    threads = [
        threading.Thread(target=press, args=(browser,))
        for browser in browsers
        for _ in range(per_node)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * (2 * per_node)
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).count() == 1
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1
