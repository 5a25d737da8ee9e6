"""The project's own set-up files agree with each other."""

import re
import tomllib

import yaml
from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = set(), set()
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip |= {_name(r) for r in entry["pip"] if not r.startswith("-e")}
        else:
            conda.add(_name(entry))
    assert "-e ." in next(e for e in environment["dependencies"] if isinstance(e, dict))["pip"]
    assert (conda - {"python", "pip"}) | pip == declared


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make report" in quick_start and "make test" in quick_start
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), flags=re.MULTILINE)


def test_the_package_never_downloads_at_run_time():
    forbidden = re.compile(r"nltk\.download|load_dataset\(|urlopen|requests\.get|hf_hub_download")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "analysis").rglob("*.py")
        if forbidden.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_data_file_cites_its_sources():
    for path in (ROOT / "analysis" / "data").iterdir():
        if path.suffix in {".txt", ".csv", ".tsv"}:
            header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
            assert any(re.search(r"[Ss]ource", line) for line in header), path.name
