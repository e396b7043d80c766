from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.models import LessonPage


@login_required
def dashboard(request):
    entries = selectors.learner_dashboard(learner=request.user)
    return render(request, "courses/dashboard.html", {"entries": entries})


@require_POST
@login_required
def lesson_mark_done(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.get_parent().specific
    enrolment = selectors.reading_enrolment(user=request.user, course=course)
    try:
        services.lesson_complete(enrolment=enrolment, lesson=lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.url)
    messages.success(request, _("“%(lesson)s” is marked as done.") % {"lesson": lesson.title})
    next_lesson = lesson.get_next_siblings().live().first()
    if request.POST.get("continue") and next_lesson is not None:
        return redirect(next_lesson.url)
    return redirect(lesson.url)
