"""Schema of the partners feature."""
from sqlite_utils import Migrations

migrations = Migrations("partners")
