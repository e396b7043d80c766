"""Settings for the server the browser journeys run against: the test settings, with uploads on
disk so that the seeding command and the server process see the same files."""

import os
from pathlib import Path

from lms.settings.test import *  # noqa: F403
from lms.settings.test import STORAGES

MEDIA_ROOT = os.environ["E2E_MEDIA_ROOT"]
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
# A person logs in through the form here, so the login protection runs as in production.
AXES_ENABLED = True
# Certificate PDFs and evidence photos too, so that a run leaves nothing in the working tree.
PRIVATE_MEDIA_ROOT = Path(MEDIA_ROOT) / "private"
