"""``qaward report``: one self-contained printable HTML page (A4) with the decisions, their
citations and the charts; rendered for real in headless Chromium when it is installed."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from qaward.faces.cli import cli

pytest.importorskip("matplotlib", reason="报告需要 matplotlib（pip install 'qaward[report]'）")

EXAMPLES = Path(__file__).parent.parent / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "未安装 chromium（Debian：apt-get install chromium；CI 由 .ci/run 安装）"


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


class Page(HTMLParser):
    """Tags, attributes and text of a page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(t == tag for t, _ in self.tags)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "city.html"
    cycle = EXAMPLES / "cycle_ganzhou_city.yaml"
    invoke("report", cycle, "--html", "--no-registry", "-o", out)
    data = json.loads(invoke("evaluate", cycle, "--no-registry", "--format", "json").output)
    return out, data


def test_page_holds_every_decision_with_its_citation(city):
    path, data = city
    html = path.read_text(encoding="utf-8")
    text = "".join(Page(html).text)
    assert "赣州市市长质量奖 2026年度评审" in text and "登记簿：未使用（--no-registry）" in text
    for w in data["winners"]:
        assert w["name"] in text and f"{w['clause']} {w['citation']}" in text
    for m in data["rewards"]:
        assert f"{m['clause']} {m['citation']}" in text
    assert f"{data['total_yuan']:,}" in text
    for a in data["applications"]:
        assert a["name"] in text and a["credit_code"] in text
    for f in (f for a in data["applications"] for f in a["findings"] if f["passed"] is False):
        assert f["message"] in text
    p = data["publicity"]
    assert f"公示期 {p['first_day']} 至 {p['last_day']}" in text


def test_page_has_charts_and_is_self_contained_and_printable(city):
    path, _ = city
    html = path.read_text(encoding="utf-8")
    page = Page(html)
    assert page.count("svg") == 4  # places, categories, money, validity timeline
    assert "名额使用" in html and "奖金（合计 200 万元）" in html and "有效期与义务期限" in html
    # nothing to fetch: no scripts, stylesheets, images, frames or fonts from elsewhere
    assert not {t for t, _ in page.tags} & {"script", "link", "img", "iframe", "object"}
    assert not [a for _, a in page.tags if "src" in a or ("href" in a and "#" not in a["href"])]
    assert not re.findall(r"url\((?!#)", html) and "@import" not in html  # url(#clip) is local
    assert "@page { size: A4" in html


def test_report_of_a_check(tmp_path):
    out = tmp_path / "check.html"
    org = EXAMPLES / "org_kfq_electronics.yaml"
    invoke("report", org, "--as-of", "2026-09-01", "--no-registry", "-o", out)
    text = "".join(Page(out.read_text(encoding="utf-8")).text)
    assert "赣州示例电子有限公司 申报资格检查" in text
    assert (
        "赣州经开区主任质量奖：不符合" in text and "赣经开政字〔2024〕12号 第十一条（六）" in text
    )


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium, isolated: a fresh profile, no network services, no GPU."""
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_chromium_renders_the_page_and_prints_it_on_a4(city, tmp_path):
    from PIL import Image

    path, _ = city
    shot = tmp_path / "report.png"
    done = chromium(
        tmp_path,
        "--hide-scrollbars",
        "--window-size=900,2600",
        f"--screenshot={shot}",
        path.as_uri(),
    )
    assert shot.exists(), done.stderr.decode(errors="replace")
    if keep := os.environ.get("QAWARD_SCREENSHOTS"):  # for a person to look at
        shutil.copy(shot, Path(keep) / "report.png")
    image = Image.open(shot).convert("L")
    ink = sum(image.histogram()[:200]) / (image.width * image.height)
    assert ink > 0.05  # text, tables and charts drawn, not a blank page
    blues = Image.open(shot).convert("RGB").crop((0, 300, 900, 1400)).getcolors(900 * 1100)
    assert any(n > 5000 and rgb == (0x1F, 0x5F, 0xA8) for n, rgb in blues)  # the bars
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    data = pdf.read_bytes()
    assert b"/MediaBox [0 0 594.9" in data  # A4: 210 x 297 mm
    assert (
        data.count(b"/Type /Page\n") + data.count(b"/Type /Page/") + data.count(b"/Type /Page ")
        >= 2
    )
