"""Upload limits for every form of the site, checked before a view or a form sees the request.

A request is refused on its Content-Length alone when it is larger than any form accepts, and
the upload handler stops reading a file once it passes UPLOAD_MAX_BYTES, so that nothing larger
is ever written to disk (a 1.5 GB anonymous upload to /verify/ was, before being refused). The
person sees a page saying what to do (HTTP 413), never an error page. The proxy in front limits
the body too (docs/deployment.md)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.shortcuts import render


class UploadTooLarge(RequestDataTooBig):
    """A file, or the whole request, is larger than the site accepts."""


def request_limit(request) -> int:
    """The largest request body accepted: one file for anyone (the certificate check is public),
    UPLOAD_MAX_FILES files for a logged-in person (an assessor's photos of one attempt)."""
    user = getattr(request, "user", None)
    files = settings.UPLOAD_MAX_FILES if user is not None and user.is_authenticated else 1
    return files * settings.UPLOAD_MAX_BYTES + settings.UPLOAD_FORM_OVERHEAD_BYTES


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: refuses a body larger than the request's limit before
    reading it, and stops a file as soon as it passes UPLOAD_MAX_BYTES."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > request_limit(self.request):
            raise UploadTooLarge("The request is larger than the upload limit.")

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            raise UploadTooLarge("A file is larger than the upload limit.")
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large(request):
    return render(
        request,
        "upload_too_large.html",
        {
            "file_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
            "files": settings.UPLOAD_MAX_FILES,
        },
        status=413,
    )


class UploadLimitMiddleware:
    """After authentication (the limit depends on who asks), before any view reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _content_length(request)
        # Who asks is looked up only for a body larger than one file (it costs a query).
        one_file = settings.UPLOAD_MAX_BYTES + settings.UPLOAD_FORM_OVERHEAD_BYTES
        if length > one_file and length > request_limit(request):
            return too_large(request)
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.FILES  # noqa: B018 (read the body now, through LimitedUploadHandler)
            except RequestDataTooBig:
                return too_large(request)
        return self.get_response(request)
