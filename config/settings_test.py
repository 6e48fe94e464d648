"""Settings for the test suite: the development settings (DEBUG=true, so the development key,
plain cookies and no HTTPS redirect), unless the environment says otherwise. pytest-django still
runs each test with DEBUG off, as in production. Production-settings tests start subprocesses
with `config.settings` and their own environment (tests/test_settings.py, test_production_smoke.py).
"""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings import *  # noqa: E402, F403
