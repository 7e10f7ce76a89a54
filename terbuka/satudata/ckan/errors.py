"""CKAN's error types, as the action functions raise them and the dispatcher reports them."""

from __future__ import annotations


class ActionError(Exception):
    status = 400
    type = "Bad request"

    def __init__(self, message: str = "", **fields):
        super().__init__(message)
        self.message = message
        self.fields = fields

    def body(self) -> dict:
        return {"__type": self.type, "message": self.message}


class ValidationError(ActionError):
    """409 with the offending fields, as CKAN's {"__type": "Validation Error", field: [msgs]}."""

    status = 409
    type = "Validation Error"

    def __init__(self, errors: dict[str, list[str]], message: str = ""):
        super().__init__(message or "Validation Error")
        self.errors = errors

    def body(self) -> dict:
        return {"__type": self.type, **self.errors}


class NotFound(ActionError):
    status = 404
    type = "Not Found Error"


class NotAuthorized(ActionError):
    status = 403
    type = "Authorization Error"


class SearchQueryError(ActionError):
    status = 400
    type = "Search Query Error"


class BadRequest(ActionError):
    status = 400
    type = "Bad request"
