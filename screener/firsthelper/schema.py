"""Schema of the firsthelper feature."""
from sqlite_utils import Migrations

migrations = Migrations("firsthelper")
