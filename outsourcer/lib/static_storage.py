"""The static files storage of production (config/settings.py STORAGES when DEBUG is off):
WhiteNoise's compressed manifest storage, remembering each file's URL. STATIC_COMPRESS=false skips
the gzip and Brotli copies (collectstatic in seconds instead of about a minute: the production smoke
test); WhiteNoise then serves the files uncompressed.

Every page asks for the same four stylesheet and script URLs, and the manifest storage works each
one out again (manifest lookup, quoting, joining): a tenth of the lightest page's rendering
(docs/performance.md, request floor). The manifest is read once when the process starts, so the
answer for a name never changes while it runs.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

REMEMBERED = 1_024  # names come from templates; the bound only guards `{% static variable %}`


class RememberedManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls.get(name)
        if url is None:
            url = super().url(name)
            if len(self._urls) < REMEMBERED:
                self._urls[name] = url
        return url

    def compress_files(self, paths):
        if not settings.STATIC_COMPRESS:
            return iter(())
        return super().compress_files(paths)
