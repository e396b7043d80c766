from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# A signing key for credentials, generated on first use (git-ignored).
CREDENTIAL_DEV_KEYS_DIR = BASE_DIR / ".credential-keys"
