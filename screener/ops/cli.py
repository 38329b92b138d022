"""Commands: backup, restore, retention run, erase."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from . import backup as backups
from . import privacy


def _print_counts(counts):
    for table, count in sorted(counts.items()):
        if not table.startswith("_"):
            click.echo(f"  {table}: {count}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path):
    """Copy the live database to PATH (consistent while the site runs) and verify the copy."""
    try:
        counts = backups.backup(current_app.config["DATABASE"], path)
    except (backups.BackupError, OSError) as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Backup written to {path}: integrity_check ok, rows per table:")
    _print_counts(counts)
    click.echo("Keep instance/fernet.keys safe as well (elsewhere): without it contact details cannot be read.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path, yes):
    """Replace the database with the backup at PATH (stop the web server and the worker first)."""
    database = current_app.config["DATABASE"]
    if not yes:
        click.confirm(f"Overwrite {database} with {path}? Stop the web server and the worker first.", abort=True)
    try:
        counts = backups.restore(path, database)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Restored {database} from {path}: integrity_check ok, rows per table match the backup:")
    _print_counts(counts)


@click.group("retention", cls=AppGroup)
def retention_cli():
    """Retention of personal data."""


@retention_cli.command("run")
@with_appcontext
def retention_run_command():
    """Erase what is past its retention period now (the worker also does this daily)."""
    counts = privacy.run_retention()
    click.echo("Retention done: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if "failed" in counts.values():  # the others went ahead; the operator looks at the log
        raise click.ClickException("some retention steps failed (see the log); the others are done")


@click.command("erase")
@click.argument("reference")
@with_appcontext
def erase_command(reference):
    """Erase the contact details of the case with REFERENCE (and the cases linked to it) on the worker's request."""
    try:
        ids = privacy.erase_on_request(reference, source="cli")
    except privacy.UnknownReference:
        raise click.ClickException(f"No case with reference {privacy.normalise_reference(reference)}.")
    click.echo(f"Contact details erased for {privacy.normalise_reference(reference)} ({len(ids)} linked case(s)).")


COMMANDS = [backup_command, restore_command, retention_cli, erase_command]
