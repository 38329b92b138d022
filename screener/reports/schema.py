"""Schema of the reports feature."""
from sqlite_utils import Migrations

migrations = Migrations("reports")
