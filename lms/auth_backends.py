"""Django's ModelBackend, reading a person's permissions in one query instead of two."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionsBackend(ModelBackend):
    """Every page checks permissions (the navigation bar, Wagtail's user bar): ModelBackend reads
    the person's own permissions and their groups' in two queries; this reads both in one, with
    the same answer, once per request (kept on the user object, which lives for one request)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_lms_all_permissions"):
            rows = (
                Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
                .order_by()
                .values_list("content_type__app_label", "codename")
                .distinct()
            )
            user_obj._lms_all_permissions = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._lms_all_permissions
