"""The images printed on certificates (the awarding body's logo, the signatory's signature).

They live in the "Branding" collection, which only administrators change: coordinators' image
permissions are on the "Course materials" collection (lms.services.STAFF_COLLECTION), never on
the root that both sit under. The certificate settings accept images from this collection only,
and each certificate records which image versions its PDF embedded (`images_used`)."""

import hashlib

from django.utils.translation import gettext_lazy as _

BRANDING_COLLECTION = "Branding"
MSG_NOT_BRANDING = _(
    "Choose an image from the “Branding” collection: only administrators can change those."
)


def branding_collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=BRANDING_COLLECTION).first()
    return found or root.add_child(name=BRANDING_COLLECTION)


def in_branding_collection(image) -> bool:
    collection = branding_collection()
    return image.collection.path.startswith(collection.path)


def _version(image) -> dict | None:
    if image is None:
        return None
    with image.open_file() as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    return {"image_id": image.pk, "file": image.file.name, "sha256": digest}


def images_used(settings_row) -> dict:
    """Which logo and signature (id, file and SHA-256 of its content) a PDF embeds now."""
    return {"logo": _version(settings_row.logo), "signature": _version(settings_row.signature)}
