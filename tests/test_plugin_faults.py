"""A faulty plugin never takes the other jurisdictions down: plugins installed for real (a
``.dist-info`` with its entry point) that fail at import, lack ``plugin``, declare a wrong type or
raise inside a hook. Each is named on stderr with its distribution, entry point and error; the
others keep working; a command about the broken one exits 3. A plugin can be disabled."""

import json
from pathlib import Path

import pytest
from pluginkit import COUNTY, install, qaward

ORG = "examples/org_kfq_electronics.yaml"

FAULTS = {
    "import_error": (
        COUNTY.replace("import datetime", "import qaward_missing_helper\nimport datetime"),
        "ModuleNotFoundError: No module named 'qaward_missing_helper'",
    ),
    "no_plugin": (COUNTY.replace("plugin = ", "plugins = "), "AttributeError"),
    "level_string": (COUNTY.replace("Level.county", '"county"'), "Jurisdiction.level：应为 Level"),
    "hook_raises": (
        """
        from qaward.hookspecs import hookimpl

        class Plugin:
            @hookimpl
            def register_eligibility(self, register):
                raise RuntimeError("表格读取失败")

        plugin = Plugin()
        """,
        "钩子 register_eligibility 出错：RuntimeError: 表格读取失败",
    ),
    "misspelt_hook": (
        """
        from qaward.hookspecs import hookimpl

        class Plugin:
            @hookimpl
            def register_eligibilty(self, register):
                pass

        plugin = Plugin()
        """,
        "未知的钩子 register_eligibilty（拼写错误？）",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The healthy county xinfeng and one plugin per fault, installed side by side."""
    site = tmp_path_factory.mktemp("site")
    install(site, "xinfeng", COUNTY)
    for name, (source, _error) in FAULTS.items():
        install(site, name, source)
    return site


def test_every_broken_plugin_is_named_and_the_others_answer(site):
    done = qaward(site, "check", ORG, "--as-of", "2026-09-01", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name, (_source, error) in FAULTS.items():
        line = next(ln for ln in done.stderr.splitlines() if f"插件 {name}（" in ln)
        assert (
            f"分发包 qaward-{name} 0.1" in line and f"入口点 qaward:{name} = {name}:plugin" in line
        )
        assert "出错，已隔离" in line and error in line, line
        assert line.startswith(f"警告：插件 {name}（"), line  # the CLI's handler (qaward.pluginlog)
    ids = [r["jurisdiction"] for r in json.loads(done.stdout)["results"]]
    assert {"ganzhou_city", "ganzhou_kfq", "huichang", "xinfeng"} <= set(ids)
    listed = qaward(site, "jurisdictions")  # a string level once gave a traceback here
    assert listed.returncode == 0 and "信丰县县长质量奖" in listed.stdout
    assert "Traceback" not in listed.stderr


def test_a_command_about_a_broken_plugin_exits_3_naming_it(site):
    done = qaward(site, "check", ORG, "-j", "import_error", "--as-of", "2026-09-01")
    assert done.returncode == 3
    assert "错误：插件 import_error（分发包 qaward-import_error 0.1" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_jurisdiction_still_exits_2(site):
    done = qaward(site, "check", ORG, "-j", "nowhere")
    assert done.returncode == 2 and "未知的管辖区 'nowhere'" in done.stderr


def test_plugins_lists_versions_jurisdictions_and_state(site):
    done = qaward(site, "plugins", "--format", "json")
    assert done.returncode == 0
    by_name = {p["name"]: p for p in json.loads(done.stdout)}
    assert by_name["xinfeng"] | {"error": ""} == {
        "name": "xinfeng",
        "distribution": "qaward-xinfeng",
        "version": "0.1",
        "entry_point": "xinfeng:plugin",
        "state": "loaded",
        "error": "",
        "jurisdictions": ["xinfeng"],
    }
    assert by_name["huichang"]["jurisdictions"] == ["huichang"]
    for name in FAULTS:
        assert by_name[name]["state"] == "broken" and by_name[name]["jurisdictions"] == []
    table = qaward(site, "plugins")
    assert "qaward-xinfeng" in table.stdout and "出错，已隔离" in table.stdout


@pytest.mark.parametrize(
    "how",
    [
        {"env": {"QAWARD_DISABLE_PLUGINS": "xinfeng,import_error"}},
        {"args": ("--disable-plugin", "xinfeng", "--disable-plugin", "qaward-import_error")},
    ],
)
def test_a_plugin_can_be_disabled_by_env_or_option(site, how):
    args = (*how.get("args", ()), "plugins", "--format", "json")
    done = qaward(site, *args, **how.get("env", {}))
    states = {p["name"]: p["state"] for p in json.loads(done.stdout)}
    assert states["xinfeng"] == states["import_error"] == "disabled"
    assert "import_error" not in done.stderr  # a disabled plugin is not loaded, so not reported
    about = qaward(site, *how.get("args", ()), "check", ORG, "-j", "xinfeng", **how.get("env", {}))
    assert about.returncode == 3 and "已停用" in about.stderr


def test_the_healthy_out_of_tree_county_judges_its_applicants(site, tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text(
        Path(ORG).read_text(encoding="utf-8").replace("region: ganzhou_kfq", "region: '360722'"),
        encoding="utf-8",
    )
    done = qaward(
        site, "check", str(org), "-j", "xinfeng", "--as-of", "2026-09-01", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)["results"]
    assert result["status"] == "eligible" and result["findings"][0]["rule"] == "XF-10"


def test_a_custom_rule_that_raises_is_undetermined_and_the_others_answer(tmp_path):
    """A fault at evaluation time (a Custom rule's function raising) is not the applicant's."""
    site = tmp_path / "site"
    install(
        site,
        "custom_raises",
        COUNTY.replace("xinfeng", "dingnan")
        .replace("360722", "360728")
        .replace("信丰", "定南")
        .replace("XF-", "DN-")
        .replace(
            'eligibility=(Registered("DN-10", "第十条"),)',
            'eligibility=(Registered("DN-10", "第十条"), '
            'Custom("DN-10", "第十条", "自定义条件", lambda ctx: 1 / 0))',
        )
        .replace("Clause, Jurisdiction", "Clause, Custom, Jurisdiction"),
    )
    done = qaward(site, "check", ORG, "--as-of", "2026-09-01", "--format", "json")
    assert done.returncode == 0, done.stderr
    results = {r["jurisdiction"]: r for r in json.loads(done.stdout)["results"]}
    assert results["ganzhou_city"]["status"] == "eligible"
    (custom,) = [
        f for f in results["dingnan"]["findings"] if f["message"].startswith("插件规则出错")
    ]
    assert custom["passed"] is None and "ZeroDivisionError" in custom["message"]
    assert results["dingnan"]["status"] in ("undetermined", "ineligible")
