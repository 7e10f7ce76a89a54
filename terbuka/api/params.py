"""Parameter and field types shared by the API's routers."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Path
from pydantic import AfterValidator

# The largest primary key SQLite and PostgreSQL (bigint) can hold; a larger id would reach
# the database as an overflow instead of being answered as "not found".
MAX_ID = 2**63 - 1

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; without this check it would surface as a 500.
    if "\x00" in value:
        raise ValueError(_("Text must not contain NUL characters."))
    return value


# Use for every free-text input field and query parameter.
Text = Annotated[str, AfterValidator(_no_nul)]
