from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import AttemptQuestion, QuestionKind


class AnswerForm(forms.Form):
    """The answer to one question of an attempt: one choice, or several for multiple choice.
    Leaving it empty is allowed (the question stays unanswered)."""

    def __init__(self, *args, question: AttemptQuestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        choices = [(o["key"], o["text"]) for o in question.options]
        if question.kind == QuestionKind.MULTIPLE:
            self.fields["answer"] = forms.MultipleChoiceField(
                label=_("Choose every right answer"),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=question.answer or [],
            )
        else:
            self.fields["answer"] = forms.ChoiceField(
                label=_("Choose one answer"),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=(question.answer or [None])[0],
            )

    def chosen(self) -> list[str]:
        value = self.cleaned_data.get("answer")
        if not value:
            return []
        return list(value) if isinstance(value, list) else [value]
