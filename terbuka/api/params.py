"""Path and query parameter types shared by the API's routers."""

from typing import Annotated

from ninja import Path

# The largest primary key SQLite and PostgreSQL (bigint) can hold; a larger id would reach
# the database as an overflow instead of being answered as "not found".
MAX_ID = 2**63 - 1

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
