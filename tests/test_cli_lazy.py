"""The command line loads what a command needs and nothing more (modules, not timings)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from qaward.faces.cli import cli
from qaward.faces.cli.main import COMMANDS

EXAMPLE = Path(__file__).parent.parent / "examples" / "org_kfq_electronics.yaml"

# runs the CLI in a fresh interpreter, then prints which heavy modules it had imported
PROBE = """
import sys
from qaward.faces.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ("sqlalchemy", "alembic", "mako", "pygments", "chinese_calendar", "qaward.engine",
         "qaward.catalog", "qaward.cycle", "cattrs", "yaml", "tabulate", "wcwidth", "difflib",
         "qaward.sanction", "qaward.compare", "qaward.screen", "qaward.registry.store",
         "qaward.reports.sheets", "http", "openpyxl", "importlib.metadata", "email",
         "logging")
print("\\nLOADED " + " ".join(m for m in heavy if m in sys.modules))
"""


def loaded(tmp_path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={
            "XDG_DATA_HOME": str(tmp_path / "no-registry-here"),
            "PATH": "",
            "QAWARD_CACHE_DIR": str(tmp_path / "cache"),  # qaward.codecache, qaward.discovery
        },
        check=False,
    )
    line = done.stdout.rsplit("LOADED", 1)[1]
    return set(line.split())


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listing_matches_each_command_s_own_help(name):
    command = cli.get_command(None, name)
    assert command.help.strip().splitlines()[0] == COMMANDS[name][1]


def test_every_command_is_listed():
    listing = CliRunner().invoke(cli, ["--help"]).output
    assert all(f"  {name} " in listing for name in COMMANDS)


def test_help_imports_no_command(tmp_path):
    assert loaded(tmp_path, "--help") == set()


def test_check_without_a_registry_never_imports_the_registry_stack(tmp_path):
    got = loaded(tmp_path, "check", str(EXAMPLE), "--as-of", "2026-09-01", "--format", "json")
    assert {"qaward.engine", "yaml"} <= got
    assert not got & {"sqlalchemy", "alembic", "mako", "pygments", "chinese_calendar"}


def test_check_imports_only_what_answering_needs(tmp_path):
    """No output imports tabulate or wcwidth (the table is drawn by qaward.faces.cli.tables); a valid catalogue needs no spelling hint
    (difflib); one organisation needs no cycle, sanction, comparison, screening or sheets; once
    the plugin list is cached (qaward.discovery), no distribution metadata is read; with every
    plugin healthy nothing is logged (qaward.pluginlog)."""
    args = ("check", str(EXAMPLE), "--as-of", "2026-09-01", "--format", "json")
    first = loaded(tmp_path, *args)
    got = loaded(tmp_path, *args)
    assert got == {"qaward.engine", "qaward.catalog", "cattrs", "yaml"}
    assert first == got | {"importlib.metadata", "email"}
    # the table is drawn without tabulate (its import reads importlib.metadata) and wcwidth
    drawn = loaded(tmp_path, "check", str(EXAMPLE), "--as-of", "2026-09-01")
    assert drawn == got


def test_check_with_a_registry_file_reads_it(tmp_path):
    reg = tmp_path / "reg.db"
    init = CliRunner().invoke(cli, ["registry", "init", "--registry", str(reg)])
    assert init.exit_code == 0, init.output
    out = CliRunner().invoke(
        cli, ["check", str(EXAMPLE), "--as-of", "2026-09-01", "--registry", str(reg)]
    )
    assert out.exit_code == 0, out.output
    got = loaded(tmp_path, "check", str(EXAMPLE), "--registry", str(reg), "--format", "json")
    assert "sqlalchemy" in got


def test_a_command_runs_the_same_when_loaded_lazily():
    out = CliRunner().invoke(cli, ["schema", "cycle"])
    assert out.exit_code == 0 and json.loads(out.output)


def test_the_separator_row_is_tabulate_s():
    import tabulate
    from qaward.faces.cli.output import SEPARATOR, table

    assert SEPARATOR == tabulate.SEPARATING_LINE
    drawn = table([("a", "1"), SEPARATOR, ("b", "2")], ["x", "y"]).splitlines()
    assert drawn[3].startswith("---") and drawn[4].split() == ["b", "2"]


def test_the_command_s_code_is_frozen_only_in_qaward_s_own_process(tmp_path):
    """main() moves the start's objects out of the collector's reach (gc.freeze, see
    faces/cli/startup.py); a caller of ``cli`` (this test process) keeps its collector as it is."""
    import gc

    probe = (
        "import gc, sys\nfrom qaward.faces.cli import main\ntry:\n    main()\n"
        "except SystemExit:\n    pass\nprint('\\nFROZEN', gc.get_freeze_count(), gc.isenabled())"
    )
    args = ["check", str(EXAMPLE), "--as-of", "2026-09-01", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
    )
    frozen, enabled = done.stdout.rsplit("FROZEN", 1)[1].split()
    assert int(frozen) > 10_000 and enabled == "True"
    from qaward.faces.cli.main import LazyGroup

    before = gc.get_freeze_count()
    fresh = LazyGroup(lazy=COMMANDS)  # imports the command here, as the first use does
    assert fresh.get_command(None, "calendar") is not None
    assert gc.get_freeze_count() == before and gc.isenabled()
