import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Certificate PDFs go to a temporary private folder, never the developer's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
