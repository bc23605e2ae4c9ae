import pytest


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    # purge_expired sweeps unreferenced files under MEDIA_ROOT (and the demo writes some): never a
    # developer's var/media.
    settings.MEDIA_ROOT = str(tmp_path / "media")
