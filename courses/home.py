"""The site's root page (it lived in lms until the course index's parent moved up here)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.i18n import FallbackRoutingMixin, localized_page, original_of
from lms.pages import PageServingMixin


class HomePage(FallbackRoutingMixin, PageServingMixin, Page):
    """The site's root page: a welcome and the way in to the courses."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        # The table it had in lms, where it lived before (migrations/0007_home_page.py).
        db_table = "lms_homepage"
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from courses.models import CourseIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["course_index"] = localized_page(
            CourseIndexPage.objects.child_of(original_of(self)).live().first()
        )
        context["today"] = timezone.localdate()
        return context
