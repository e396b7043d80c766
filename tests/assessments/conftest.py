import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a temporary private folder, never to the developer's private_media/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT
