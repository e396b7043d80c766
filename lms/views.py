from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.forms import ProfileForm
from lms.models import Profile


@login_required
def profile_edit(request):
    profile = getattr(request.user, "profile", None) or Profile(
        user=request.user, printed_name=request.user.get_full_name()
    )
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return render(request, "lms/profile.html", {"form": form})
