"""The package installed from a wheel, away from the source checkout, still does its main jobs.

A wheel holds only what ``pyproject.toml`` packages, so this catches a subpackage or a data
file (a word list, the report notebook) that works from the checkout and is missing once
installed.  The wheel is built with the setuptools of the test environment (no build
isolation: nothing fetched) and installed without its dependencies into a new virtual
environment outside the checkout; that environment sees the test environment's libraries
through a ``.pth`` line (and their data files, such as nbconvert's templates, through a link
to its ``share/jupyter``), but not its editable install of this package (a ``.pth`` file in a
folder named by a ``.pth`` line is never read), so ``import analysis`` finds the wheel's copy.
"""

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of this checkout, built from a copy of it: setuptools keeps what it built in
    ``build/``, and a file left there by an earlier build would hide one the wheel now lacks."""
    source = tmp_path_factory.mktemp("source") / "checkout"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "reports", ".nltk_data_empty", ".*_cache"))
    folder = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(folder), str(source)],
        check=True, cwd=folder, capture_output=True,
    )
    (built,) = folder.glob("media_analysis-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The python of a fresh virtual environment holding only ``wheel`` of this package."""
    folder = tmp_path_factory.mktemp("install")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    own_site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                              check=True, capture_output=True, text=True).stdout.strip()
    libraries = [sysconfig.get_path("purelib"), *site.getsitepackages()]
    Path(own_site, "test_environment.pth").write_text("\n".join(dict.fromkeys(libraries)) + "\n")
    # The libraries' data files (nbconvert's templates, the kernel spec) as an install puts them in the prefix.
    (venv / "share").mkdir()
    (venv / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(wheel)],
        check=True, cwd=folder, capture_output=True,
    )
    return python


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([str(python), *args], cwd=cwd, env=environment, capture_output=True, text=True)


def test_the_wheel_holds_every_file_of_the_package(wheel):
    in_checkout = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "analysis").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "analysis/report.ipynb" in in_checkout and "analysis/validate/__main__.py" in in_checkout
    assert in_checkout - set(zipfile.ZipFile(wheel).namelist()) == set()


def test_installed_package_is_the_wheels_copy_not_the_checkout(installed, tmp_path):
    done = _run(installed, "-c", "import analysis, analysis.validate; print(analysis.__file__)", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    location = Path(done.stdout.strip()).resolve()
    assert ROOT not in location.parents and installed.parents[1] in location.parents


def test_report_runs_from_the_installed_wheel_in_another_folder(installed, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Officials said the bridge would reopen in May.\n\n"
        '"We expect delays," said Maria Lopez, a spokeswoman for the city. Critics claimed the work may cost more.\n',
        encoding="utf-8",
    )
    done = _run(installed, "-m", "analysis", "report", "article.txt", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Headline figures" in page and "Maria Lopez" in page and "reopen in May" in page


def test_validate_command_runs_from_the_installed_wheel(installed, tmp_path):
    done = _run(installed, "-m", "analysis.validate", "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "usage" in done.stdout.lower()
