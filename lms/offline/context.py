"""What every page tells its offline script (static/js/offline.js): whose page it is, and the
script's words in the reader's language."""

from django.utils.translation import gettext as _

from lms.offline.namespace import user_namespace


def offline_strings() -> dict[str, str]:
    return {
        "queued": _("Saved on this phone; will send when online."),
        "queuedLesson": _("Marked as done on this phone; will send when online."),
        "waiting": _("Changes on this phone waiting for a signal: %(count)s"),
        "sent": _("Sent: the changes made without a signal are on the server."),
        "refused": _("Not accepted:"),
        "conflict": _("Someone else changed it meanwhile:"),
        "openChoose": _("Open and choose"),
        "dismiss": _("Dismiss"),
        "loginToSend": _("Log in again to send the changes kept on this phone."),
        "size": _("About %(size)s MB on this phone."),
        "saving": _("Saving…"),
        "saved": _("Saved on this phone on %(date)s."),
        "removed": _("Removed from this phone."),
        "saveFailed": _("Could not save: check the signal and try again."),
    }


def context(request) -> dict:
    # The words are a callable: a template that shows them calls it, others never do.
    return {
        "offline_user": user_namespace(getattr(request, "user", None)),
        "offline_strings": offline_strings,
    }
