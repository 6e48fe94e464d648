"""Django-level error pages for requests under /api/: the API's JSON error body instead of HTML.

Django answers some bad requests before an API operation runs (a body over
DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a disallowed host): those reach `handler400`, not
the API's exception handlers.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults

from outsourcer.api.errors import error_body

API_PREFIX = "/api/"
TOO_LARGE = "The request body is larger than the 10 MB limit."
BAD_REQUEST = "The request could not be read."


def bad_request(request, exception=None):
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse(error_body(TOO_LARGE, "request_too_large"), status=400)
    return JsonResponse(error_body(BAD_REQUEST, "bad_request"), status=400)
