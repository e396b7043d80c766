from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from privacy import services


@login_required
def my_data(request):
    """'My data': what the site holds about me, and a button to download all of it."""
    if request.method == "POST":
        archive = services.person_export(user=request.user)
        response = HttpResponse(archive, content_type="application/zip")
        filename = f"my-data-{timezone.localdate().isoformat()}.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "privacy/my_data.html")


class PersonEraseView(WagtailAdminTemplateMixin, TemplateView):
    """Administrators only: confirm, then erase one person. Anyone else gets a 404."""

    template_name = "privacy/admin/person_erase.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise Http404
        self.person = get_object_or_404(
            get_user_model().objects.filter(erasure__isnull=True).select_related("profile"),
            pk=kwargs["user_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm_username") != self.person.username:
            context = self.get_context_data(
                error=_("Type the username exactly to confirm the erasure.")
            )
            return self.render_to_response(context)
        try:
            services.person_erase(user=self.person, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(error=" ".join(error.messages)))
        messages.success(request, _("The person's data is erased."))
        return redirect("wagtailsnippets_lms_profile:list")
