"""Permission policies for the theory test bank: the model permission, and then only the rows of
the courses the user coordinates (the selectors' scope). Wagtail's own actions that check a
policy per object (simple_translation's "Translate") thereby see the same scope as our listings."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from assessments.models import Question, QuestionCategory, Quiz
from assessments.quizzes import selectors


class CourseScopedPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model, *, scope):
        super().__init__(model)
        self.scope = scope

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.scope(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)


def permission_policies_register() -> None:
    """Called at the top of assessments/wagtail_hooks.py, before any viewset asks Wagtail for a
    policy (which would otherwise make the unscoped fallback)."""
    for model, scope in (
        (Question, selectors.questions_editable_by),
        (QuestionCategory, selectors.categories_editable_by),
        (Quiz, selectors.quizzes_editable_by),
    ):
        register_permission_policy(model, CourseScopedPermissionPolicy(model, scope=scope))
