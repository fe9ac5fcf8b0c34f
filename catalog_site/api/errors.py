"""Error answers of the API: the REST framework's, with the key the Flask-era API used."""

from rest_framework.views import exception_handler as rest_framework_handler


def exception_handler(exc, context):
    """As the REST framework answers, and a 404 also carries its message under "error", where
    the old front end reads it ({"error": "..."})."""
    response = rest_framework_handler(exc, context)
    if response is not None and response.status_code == 404 and "detail" in response.data:
        response.data["error"] = response.data["detail"]
    return response
