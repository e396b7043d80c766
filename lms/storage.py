"""Private storage: evidence photos and certificate PDFs live outside the public media folder."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateMediaStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, with no public URL: served only by views that check who
    asks. The root is read from settings on every use, so that tests (and deployments) can move
    it."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a scoped view.")


def private_storage() -> PrivateMediaStorage:
    return PrivateMediaStorage()
