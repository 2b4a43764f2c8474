"""The cache of attrs' and cattrs' generated code (qaward.codecache): a process with a warm cache
builds the same classes, structures the same input and answers the same as one that compiled
everything; a damaged, unwritable or disabled cache changes nothing but the time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from qaward import codecache

EXAMPLE = Path(__file__).parent.parent / "examples" / "org_kfq_electronics.yaml"

# Describes, in a fresh interpreter, every method attrs generated for qaward's classes, the
# structuring functions cattrs generated, a hash and a repr of a frozen instance and the answer
# of `check`; prints it as JSON with the cache's hits and misses.
PROBE = """
import datetime as dt, json, sys, types
from qaward import codecache
codecache.install()  # as the qaward command does first
from qaward import io, ops
from qaward.catalog import default_catalog
from qaward.model import Organization
from qaward.terms import VoteRule  # its fields hash alike in every process (None does not)

def code(c):
    consts = [code(k) if isinstance(k, types.CodeType) else repr(k) for k in c.co_consts]
    return [c.co_name, c.co_filename, c.co_code.hex(), consts, c.co_names, c.co_varnames,
            c.co_flags, c.co_firstlineno, c.co_linetable.hex() if WITH_POSITIONS else ""]

WITH_POSITIONS = sys.argv[2] == "exact"
doc = io.read_document(sys.argv[1])
answer = ops.check(doc, dt.date(2026, 9, 1), [], where=sys.argv[1])
catalog = default_catalog()
org = io.structure(doc, Organization)
classes = {}
for name, module in sorted(sys.modules.items()):
    if not name.startswith(("qaward", "attr", "cattrs")):
        continue
    for cls in vars(module).values():
        if isinstance(cls, type) and hasattr(cls, "__attrs_attrs__"):
            methods = {
                k: [code(f.__code__), repr(f.__annotations__), repr(f.__defaults__)]
                for k, f in sorted(vars(cls).items())
                if isinstance(f, types.FunctionType)
                and f.__code__.co_filename.startswith("<attrs generated")
            }
            classes[f"{cls.__module__}.{cls.__qualname__}"] = methods
structure = code(io.converter.get_structure_hook(Organization).__code__)
print(json.dumps({
    "classes": classes, "structure": structure, "org": repr(org),
    "hash": hash(VoteRule("X-1", "第一条", 2, 3)), "equal": org == io.structure(doc, Organization),
    "answer": io.dumps(answer), "stats": codecache.stats,
}))
"""


def probe(cache: Path, seed: str = "0", exact: bool = True, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k != "QAWARD_NO_CACHE"}
    environ |= {"QAWARD_CACHE_DIR": str(cache), "PYTHONHASHSEED": seed, **env}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(EXAMPLE), "exact" if exact else "loose"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def without_stats(got: dict) -> dict:
    return {k: v for k, v in got.items() if k != "stats"}


def test_a_warm_cache_gives_the_same_classes_and_answers(tmp_path):
    cold = probe(tmp_path)
    assert cold["stats"]["hits"] == 0 and cold["stats"]["misses"] > 100
    assert len(cold["classes"]) > 80 and cold["equal"]
    warm = probe(tmp_path)
    assert warm["stats"] == {"hits": cold["stats"]["misses"], "misses": 0}
    assert without_stats(warm) == without_stats(cold)  # positions in the code included


def test_a_cache_written_under_another_hash_seed_gives_that_seed_s_hashes(tmp_path):
    """attrs writes the hash of a file name (per process) into ``__hash__``: a cached method
    gets this process's number, so hashes equal those of a process that compiled everything."""
    probe(tmp_path, seed="1")
    reseeded = probe(tmp_path, seed="2", exact=False)
    assert reseeded["stats"]["misses"] == 0
    cold = probe(tmp_path / "empty", seed="2", exact=False)
    assert cold["stats"]["hits"] == 0
    assert without_stats(reseeded) == without_stats(cold)
    assert reseeded["hash"] != probe(tmp_path, seed="1", exact=False)["hash"]


def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    probe(tmp_path)
    (file,) = tmp_path.glob("generated-*.marshal")
    for damage in (b"", b"not marshal at all", file.read_bytes()[:1000]):
        file.write_bytes(damage)
        again = probe(tmp_path)
        assert again["stats"]["hits"] == 0 and again["stats"]["misses"] > 100
        assert probe(tmp_path)["stats"]["misses"] == 0  # rewritten whole at exit


def test_a_file_others_may_write_is_not_read(tmp_path):
    probe(tmp_path)
    (file,) = tmp_path.glob("generated-*.marshal")
    file.chmod(0o666)
    assert probe(tmp_path)["stats"]["hits"] == 0  # and replaced at exit by one of our own
    assert file.stat().st_mode & 0o022 == 0
    assert probe(tmp_path)["stats"]["misses"] == 0


def test_an_unwritable_or_disabled_cache_changes_nothing(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    reference = without_stats(probe(tmp_path / "fresh"))
    assert without_stats(probe(blocked)) == reference  # no error, no output
    assert without_stats(probe(tmp_path / "off", QAWARD_NO_CACHE="1")) == reference
    assert not (tmp_path / "off").exists()


def test_the_inherited_compiler_flags_are_the_module_s_own():
    import __future__

    import attr._make
    import cattrs.gen

    mask = sum(getattr(__future__, f).compiler_flag for f in __future__.all_feature_names)
    for module, function in (
        (attr._make, "_compile_and_eval"),
        (cattrs.gen, "make_dict_structure_fn"),
    ):
        own = getattr(module, function).__code__.co_flags & mask
        assert codecache._future_flags(module) == own


def test_only_qaward_s_attrs_and_cattrs_classes_are_cached():
    import attrs

    before = dict(codecache.stats)

    @attrs.frozen
    class Elsewhere:
        x: int

    assert codecache.stats == before
    assert Elsewhere(1) == Elsewhere(1) and hash(Elsewhere(1)) == hash(Elsewhere(1))
    assert not codecache._ours("<attrs generated methods tests.Elsewhere>")
    assert not codecache._ours("<attrs generated methods attrsy.Thing>")
    assert codecache._ours("<attrs generated methods qaward_huichang.Rule>")
    assert codecache._ours("<attrs generated methods attr._make.Attribute>")


@pytest.mark.parametrize("kind", ["methods", "hash"])
def test_the_salt_is_found_only_where_attrs_writes_it(kind):
    name = f"<attrs generated {kind} qaward.model.Ban>"
    salt = hash("<attrs generated hash qaward.model.Ban>")
    source = f"def __hash__(self):\n    return hash((\n        {salt},\n        self.a,\n    ))\n"
    assert codecache._salt(source, name) == salt
    assert codecache._salt(source.replace(str(salt), "7"), name) is None
    assert codecache._salt(source, "<cattrs generated structure qaward.model.Ban>") is None


def test_importing_qaward_as_a_library_leaves_attrs_untouched():
    code = (
        "import qaward, attr._make, cattrs.gen; from qaward import ops; "
        "print('compile' in vars(attr._make), 'compile' in vars(cattrs.gen))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_the_qaward_command_installs_the_cache():
    code = (
        "import qaward.faces.cli.main, attr._make, cattrs.gen; "
        "print(*(vars(m)['compile'].__qualname__ for m in (attr._make, cattrs.gen)))"
    )
    environ = {k: v for k, v in os.environ.items() if k != "QAWARD_NO_CACHE"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environ
    )
    assert done.stdout.split() == ["cached_compile.<locals>.compile"] * 2
