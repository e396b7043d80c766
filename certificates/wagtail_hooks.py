from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.issue", _("Certify"), _("Certificate issued"))
    actions.register_action("certificates.revoke", _("Revoke"), _("Certificate revoked"))
    actions.register_action(
        "certificates.supersede", _("Re-issue"), _("Certificate superseded by a re-issue")
    )
    actions.register_action(
        "certificates.render_fail", _("Render PDF"), _("Certificate PDF failed to render")
    )
    actions.register_action(
        "certificates.render_retry", _("Retry PDF"), _("Certificate PDF rendering retried")
    )
    actions.register_action(
        "certificates.learning_record.issue",
        _("Issue learning record"),
        _("Learning record issued with its verification code"),
    )
    actions.register_action(
        "certificates.export_elm",
        _("Export (European Learning Model)"),
        _("Certificate exported as a European Learning Model document"),
    )
    actions.register_action(
        "certificates.credential_lookup",
        _("Digital credential lookup"),
        _("Digital credential's public lookup changed by its holder"),
    )
