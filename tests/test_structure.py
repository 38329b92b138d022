"""The layout keeps its promises: each table is written only by its owner's queries module, SQL lives in
queries modules, and the lower packages do not import the higher ones.

The owner of a table is the package whose schema module creates it (a module with a sqlite-utils
`Migrations` set); its writes belong in that package's queries.py (or in the schema module itself,
for a one-module feature such as screener/audit.py).
"""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "screener"

CREATES = re.compile(r"""db\[["'](\w+)["']\]\.create\(|CREATE TABLE (?:IF NOT EXISTS )?["']?(\w+)""")
SQL_WRITE = re.compile(r"""\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+["']?(\w+)|\bUPDATE\s+["']?(\w+)["']?\s+SET\b""")
UTILS_WRITE = re.compile(r"""\[["'](\w+)["']\]\.(?:insert|insert_all|upsert|upsert_all|update|delete|delete_where)\(""")
# Reaching the database: statements, queries and sqlite-utils table access.
DATABASE_ACCESS = re.compile(r"""\.(?:execute|executemany|executescript|query)\(|\bdb\[["']\w+["']\]|\.table\(["']""")

# Modules below the features that must talk to SQLite directly, and why.
INFRASTRUCTURE = {
    "screener/db.py": "opens connections: pragmas and transactions",
    "screener/crypto.py": "key rotation re-encrypts the columns every feature registers",
    "screener/ops/backup.py": "backup and restore through SQLite's backup API",
}
# Known offences that a later step of issue 12 removes (demo data: each feature seeds its own tables).
# An entry that is no longer needed fails the test, so the list only shrinks.
KNOWN = {
    # A one-time step that rebuilt the screenings table (no time, no order): the cases that shared
    # their results point at it, so their references are set aside while the table is replaced.
    ("screener/screening/schema.py", "cases"),
}


def sources():
    """{path relative to the project: source text} of every module of the application."""
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def is_schema(text):
    return "Migrations(" in text


def owners(files):
    """{table: the modules allowed to write it}: the owner's queries.py and its schema module."""
    found = {}
    for path, text in files.items():
        if not is_schema(text):
            continue
        # A feature package's schema.py: its queries.py writes; a one-module feature writes itself.
        allowed = {path, str(Path(path).with_name("queries.py"))} if Path(path).name == "schema.py" else {path}
        for match in CREATES.finditer(text):
            found.setdefault(match.group(1) or match.group(2), set()).update(allowed)
    return found


def writes(text):
    """The tables a module's source writes to (SQL statements and sqlite-utils calls)."""
    tables = {a or b for a, b in SQL_WRITE.findall(text)}
    return tables | set(UTILS_WRITE.findall(text))


def offences(files):
    """(module, table) for every write outside the table's owner, and (module, 'SQL') for database
    access outside a queries or schema module."""
    table_owners = owners(files)
    found = set()
    for path, text in files.items():
        for table in writes(text):
            if path not in table_owners.get(table, ()):
                found.add((path, table))
        queries_or_schema = Path(path).name == "queries.py" or is_schema(text)
        if not queries_or_schema and path not in INFRASTRUCTURE and DATABASE_ACCESS.search(text):
            found.add((path, "SQL"))
    return found


def test_every_table_has_one_owner():
    table_owners = owners(sources())
    for table in ("cases", "case_events", "audit_log", "outbox", "screenings"):
        assert table in table_owners, table
    assert table_owners["cases"] == {"screener/cases/schema.py", "screener/cases/queries.py"}
    assert table_owners["case_events"] == table_owners["cases"]
    assert table_owners["audit_log"] == {"screener/audit.py"}
    assert table_owners["outbox"] == {"screener/mail/schema.py", "screener/mail/queries.py"}


def test_tables_are_written_only_by_their_owner_and_sql_lives_in_queries_modules():
    found = offences(sources())
    unexpected = sorted(found - KNOWN)
    assert unexpected == [], "written or queried outside the owner's queries module:\n" + "\n".join(
        f"  {path}: {table}" for path, table in unexpected)
    assert sorted(KNOWN - found) == [], "no longer needed in KNOWN: remove these entries"


def test_the_check_names_offenders():
    files = {
        "screener/cases/schema.py": 'migrations = Migrations("referral")\ndb["cases"].create({})',
        "screener/cases/queries.py": 'db.execute("UPDATE cases SET status = ?", [s])',
        "screener/mail/schema.py": 'migrations = Migrations("mail")\ndb["outbox"].create({})',
        "screener/ops/queries.py": 'db.execute("UPDATE outbox SET status = \'dead\'")\ndb["cases"].update(1, {})',
        "screener/partners/views.py": 'get_db().execute("SELECT * FROM cases")',
    }
    assert offences(files) == {("screener/ops/queries.py", "outbox"), ("screener/ops/queries.py", "cases"),
                               ("screener/partners/views.py", "SQL")}


# --- which package may import which ---------------------------------------------------------------

FEATURES = {"cases", "requests", "partners", "staff", "mail", "ops", "reports", "screening", "firsthelper", "visits",
            "followup", "campaigns", "cards", "materials", "webinars", "stories"}
MAY_IMPORT = {  # the features each of these may use; everything else in screener/ is below them
    "mail": set(),
    "cases": {"mail"},
    "requests": {"cases", "mail", "screening", "campaigns", "followup"},
    "followup": {"cases", "mail", "screening"},
    "materials": {"campaigns", "screening", "visits"},
    "cards": {"mail"},
    "webinars": {"visits", "staff"},
    "campaigns": {"visits"},
    "screening": {"cases", "campaigns"},
    "stories": {"mail", "screening", "staff", "visits"},
}


def imported_features(path):
    """The features of screener/ that a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(ROOT).parent.parts
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                parts = list(base) + (node.module.split(".") if node.module else [])
                names = [parts] if node.module else [parts + [alias.name] for alias in node.names]
            elif (node.module or "").startswith("screener"):
                names = [node.module.split(".")]
            else:
                continue
            found.update(n[1] for n in names if len(n) > 1 and n[0] == "screener" and n[1] in FEATURES)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("screener.") and a.name.split(".")[1] in FEATURES)
    return found


def test_lower_packages_do_not_import_higher_ones():
    wrong = []
    for feature, allowed in MAY_IMPORT.items():
        for path in sorted((PACKAGE / feature).rglob("*.py")):
            extra = imported_features(path) - allowed - {feature}
            if extra:
                wrong.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(extra))}")
    assert wrong == []


# --- migrations keep their recorded names ---------------------------------------------------------

def test_an_existing_database_keeps_its_schema_and_applied_steps(app, db):
    from screener.migrations import migrate

    # A database from before the audit log had its own set: the partners set created audit_log.
    db.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'audit'")
    db["audit_log"].insert({"at": "2026-01-01T00:00:00+00:00", "action": "signed_in"})
    db.conn.commit()
    migrate(db)
    assert [r["action"] for r in db["audit_log"].rows] == ["signed_in"]
    steps = [(r["migration_set"], r["name"]) for r in db["_sqlite_migrations"].rows]
    # The cases set kept the name its steps were recorded under, so nothing ran twice.
    assert steps.count(("referral", "create_cases")) == 1 and steps.count(("audit", "create_audit_log")) == 1


# --- the README's promises: commands, make targets and settings exist ------------------------------

DOCS = ("README.md", "docs/operations.md")
# Capitalised names in the docs that are not settings of the app.
NOT_SETTINGS = {
    "FLASK_DEBUG": "Flask's own environment variable",
    "INFO": "a log level, the value of LOG_LEVEL",
    "PATH": "a command's argument",
    "PUBLIC_ENDPOINTS": "a list in tests/test_properties_security.py",
    "COORDINATOR_ONLY": "a list in tests/test_properties_security.py",
}
# Settings without a default: the code reads them with config.get() and works when they are unset.
OPTIONAL = {"CLOCK": "tests set a callable; unset, the system clock"}


def doc_text(name):
    return (ROOT / name).read_text(encoding="utf-8")


def documented_settings():
    """{backticked capitalised name: the doc that names it} (ZORGSAMEN_<NAME> stands for <NAME>)."""
    found = {}
    for doc in DOCS:
        for name in re.findall(r"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})(?:=[^`]*)?`", doc_text(doc)):
            found.setdefault(name, doc)
    return found


def test_the_readme_commands_are_make_targets():
    makefile = doc_text("Makefile")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    two_commands = re.search(r"## The two commands\s+```sh\n(.*?)```", doc_text("README.md"), re.S).group(1)
    assert re.findall(r"^make (\w+)", two_commands, re.M) == ["run", "test"]
    named = set()
    for doc in DOCS + ("docs/DEVELOPING.md",):
        named |= set(re.findall(r"(?:`|^)make ([a-z][\w-]*)", doc_text(doc), re.M))
    assert {"run", "test", "bench"} <= named
    assert sorted(named - targets) == [], "the docs name make targets the Makefile does not have"


def test_every_documented_setting_exists(tmp_path):
    from screener import create_app

    # Only the instance folder: the settings an installation gets without configuring anything.
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    gunicorn_conf = doc_text("gunicorn.conf.py")
    sources_text = "\n".join(sources().values())
    missing = []
    for name, doc in sorted(documented_settings().items()):
        if name in NOT_SETTINGS or name in app.config:
            continue
        if name.startswith("ZORGSAMEN_"):
            setting = name.removeprefix("ZORGSAMEN_")
            if setting in app.config or f'os.environ.get("{name}"' in gunicorn_conf:
                continue
        elif name in OPTIONAL and f'config.get("{name}")' in sources_text:
            continue
        missing.append(f"{name} ({doc})")
    assert missing == [], "documented but unknown to the app: " + ", ".join(missing)
    # The README's configuration table is the core: those are the shared defaults in screener/config.py.
    from screener.config import DEFAULTS

    table = re.search(r"## Configuration\n(.*?)\n## ", doc_text("README.md"), re.S).group(1)
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    in_table = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}
    assert in_table and sorted(in_table - set(DEFAULTS)) == []


def readme_commands():
    """The `flask --app app ...` commands the README names, as lists of words (command, subcommand)."""
    text = doc_text("README.md")
    found = [words.split() for words in re.findall(r"flask --app app ([a-z][a-z-]*(?: [a-z][a-z-]*)?)", text)]
    listed = re.search(r"Commands \(`flask --app app \.\.\.`\):(.*?)\n\n", text, re.S).group(1)
    found += [[w for w in item.split() if not w.isupper()] for item in re.findall(r"`([^`]+)`", listed)]
    return found


def test_every_readme_command_is_registered(app):
    import click

    ctx = click.Context(app.cli)
    commands = readme_commands()
    assert len(commands) >= 12
    unknown = []
    for words in commands:
        command = app.cli.get_command(ctx, words[0])
        if command is None:
            unknown.append(" ".join(words))
        elif isinstance(command, click.Group):
            if len(words) < 2 or command.get_command(ctx, words[1]) is None:
                unknown.append(" ".join(words))
    assert unknown == [], "the README names commands the app does not have"
