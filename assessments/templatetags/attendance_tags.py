from django import template

from assessments import selectors

register = template.Library()


@register.inclusion_tag("assessments/includes/dashboard_warnings.html", takes_context=True)
def attendance_warnings(context):
    """The learner's at-risk warnings, for the top of their dashboard (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"risks": []}
    return {"risks": list(selectors.at_risk_for_learner(learner=user))}
