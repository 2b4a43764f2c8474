"""One catalogue of Chinese labels (qaward.labels): complete, and accepted as input aliases."""

import json
from enum import Enum
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from qaward import engine, labels, model, sanction, terms
from qaward.cycle import selection
from qaward.faces.cli import cli
from qaward.io import structure
from qaward.model import Level, Organization, Sector, Tier

EXAMPLE = Path(__file__).parent.parent / "examples" / "org_kfq_electronics.yaml"


def _enums():
    for module in (model, engine, terms, sanction, selection):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Enum)
                and value.__module__ == module.__name__
            ):
                yield value


@pytest.mark.parametrize("enum", list(_enums()), ids=labels.enum_key)
def test_every_enumeration_has_a_label_for_every_member(enum):
    catalogue = labels.labels_of(enum)
    assert set(catalogue) >= {m.value for m in enum}


def test_labels_read_the_same_as_members_and_values():
    assert labels.TIER[Tier.innovation] == labels.TIER["innovation"] == "质量管理创新奖"
    assert labels.label(Sector.manufacturing) == "制造业"
    assert labels.label(Sector.manufacturing, "en") == "manufacturing"


def test_chinese_labels_are_accepted_as_input():
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    org = structure(dict(data, sector="制造业"), Organization)
    assert org.sector is Sector.manufacturing
    assert (
        labels.alias(Tier, "创新奖") == "innovation" and labels.alias(Level, "省级") == "provincial"
    )
    assert labels.alias(Sector, "不存在") is None


def test_a_file_with_chinese_labels_checks_the_same(tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    zh = tmp_path / "org.yaml"
    zh.write_text(yaml.safe_dump(dict(data, sector="制造业"), allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--as-of", "2026-09-01", "--format", "json"]
    a = runner.invoke(cli, [*args, str(EXAMPLE)])
    b = runner.invoke(cli, [*args, str(zh)])
    assert b.exit_code == 0 and json.loads(a.output)["results"] == json.loads(b.output)["results"]
