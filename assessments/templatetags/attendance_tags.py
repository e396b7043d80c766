from django import template
from django.utils.html import format_html_join

from assessments.attendance import selectors
from lms.i18n import label_courses_for_reader

register = template.Library()


@register.inclusion_tag("assessments/includes/dashboard_warnings.html", takes_context=True)
def attendance_warnings(context):
    """The learner's at-risk warnings, for the top of their dashboard (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"risks": []}
    risks = list(selectors.at_risk_for_learner(learner=user))
    label_courses_for_reader([risk.enrolment for risk in risks])
    return {"risks": risks}


@register.simple_tag
def attendance_cells(cells):
    """A grid row's cells: a letter, with the full word as a tooltip and for screen readers.
    Built here rather than with an include per cell: a 200 by 40 grid has 8,000 of them."""
    labels = {state: str(label) for state, label in selectors.CELL_LABELS.items()}
    return format_html_join(
        "",
        '<td class="text-center"><span class="att att-{}" title="{}">{}'
        '<span class="visually-hidden"> {}</span></span></td>',
        ((cell.state, labels[cell.state], cell.letter, labels[cell.state]) for cell in cells),
    )
