#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's test command (X-1, X-2).

1. On a fresh database with demo data, install every suite module together
   with tests enabled: each module's at-install tests run as it is installed,
   the post-install tests once all are in place; the install must log no
   warning or error about our addons.
2. For each module, on a fresh database: install it alone with only its
   declared dependencies, upgrade it with its tests enabled, then uninstall it.
3. Drop the databases, print a summary per module and end with
   ``N passed, N failed``. Any failing, erroring or skipped test, any install,
   upgrade or uninstall problem, any error logged by an install, upgrade or uninstall and any
   warning about our addons is a failure.

    python tests/run_suite.py [--modules a,b] [--no-alone] [--no-all] [--keep] [--jobs N]
"""

import argparse
import collections
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import odoo_setup

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)"
    r" (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\b")
# Our models are all named sales.*; the fields we add to Odoo's models are named sales_*
# (Odoo's own module sales_team is not ours).
SUITE_NAMES = re.compile(r"(?<![\w.])sales\.[a-z]|\.sales_(?!team\b)[a-z]")
CLOSING = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")


class Run:
    """One Odoo invocation and what its log says."""

    def __init__(self, label, command, log_path, timeout, stdin_path=None):
        self.label = label
        started = time.time()
        with open(log_path, "w") as log, open(stdin_path or os.devnull) as stdin:
            try:
                self.returncode = subprocess.run(
                    command, stdin=stdin, stdout=log, stderr=subprocess.STDOUT, timeout=timeout, check=False
                ).returncode
            except subprocess.TimeoutExpired:
                self.returncode = "timeout"
        self.seconds = time.time() - started
        self.log_path = log_path
        self.records = list(self._parse(Path(log_path).read_text(errors="replace")))

    @staticmethod
    def _parse(text):
        record = None
        for line in text.splitlines():
            match = LOG_LINE.match(line)
            if match:
                if record:
                    yield record
                record = dict(match.groupdict())
            elif record:
                record["msg"] += "\n" + line
        if record:
            yield record


def is_test_record(record):
    """A log record that reports on tests rather than on the install."""
    if TEST_LOGGER.match(record["logger"]) or record["logger"].startswith("odoo.tests"):
        return True
    return record["logger"] == "odoo.modules.loading" and (
        "failures" in record["msg"] or "test failed" in record["msg"]
    )


def concerns_suite(record, modules):
    """A log record that comes from or is about one of our addons: it names one of them, one of
    our models or fields, or a file of ours."""
    if any(record["logger"].startswith(f"odoo.addons.{m}") for m in modules):
        return True
    head = record["msg"].split("\n", 1)[0]
    return any(m in head for m in modules) or SUITE_NAMES.search(head) or str(odoo_setup.ADDONS) in record["msg"]


class Phase:
    """An install (+ upgrade with tests, + uninstall) on one fresh database."""

    def __init__(self, name, install, test_modules, workdir, port, demo=True, uninstall=False, together=False):
        self.name = name
        self.together = together
        self.install = install
        self.test_modules = test_modules
        self.workdir = workdir
        self.port = port
        self.demo = demo
        self.uninstall = uninstall
        self.db = f"sct_{name}_{os.getpid()}"
        self.problems = []
        self.tests = collections.defaultdict(lambda: collections.Counter())
        self.seconds = 0.0

    def odoo(self, label, *args, timeout=2400):
        config = odoo_setup.write_config(self.workdir / f"{self.db}.conf", self.workdir / "data", self.port)
        command = odoo_setup.odoo_command(config, "-d", self.db, "--stop-after-init", *args)
        run = Run(label, command, self.workdir / f"{self.db}-{label}.log", timeout)
        self.seconds += run.seconds
        if run.returncode not in (0, 1):
            self.problems.append(f"{label}: Odoo exited with {run.returncode} (see {run.log_path})")
        return run

    def check_log(self, run, modules, allow_test_errors=False):
        for record in run.records:
            if record["level"] not in ("WARNING", "ERROR", "CRITICAL"):
                continue
            if allow_test_errors and is_test_record(record):
                continue
            # Installs must be clean: any error, and any warning about our addons, fails them.
            strict = not allow_test_errors and record["level"] in ("ERROR", "CRITICAL")
            if strict or concerns_suite(record, modules) or record["level"] == "CRITICAL":
                first = record["msg"].split("\n", 1)[0]
                self.problems.append(f"{run.label}: {record['level']} {record['logger']}: {first[:300]}")

    def count_tests(self, run):
        closing = None
        for record in run.records:
            match = TEST_LOGGER.match(record["logger"])
            if record["logger"] == "odoo.tests.result":
                closing = CLOSING.search(record["msg"]) or closing
            if not match:
                continue
            counter = self.tests[match["module"]]
            msg = record["msg"]
            if record["level"] == "INFO" and msg.startswith("Starting "):
                counter["run"] += 1
            elif record["level"] == "INFO" and msg.startswith("skipped "):
                counter["skipped"] += 1
                self.problems.append(f"{run.label}: skipped test: {msg.splitlines()[0][:300]}")
            elif record["level"] == "ERROR" and msg.startswith(("FAIL:", "ERROR:")):
                counter["failed"] += 1
                self.problems.append(f"{run.label}: {msg.splitlines()[0][:300]}")
        if run.returncode == 0 and closing is None and any(self.tests.values()):
            self.problems.append(f"{run.label}: no closing test line in {run.log_path}")
        for module in self.test_modules:
            if not self.tests[module]["run"]:
                self.problems.append(f"{run.label}: module {module} ran no test")

    def execute(self):
        modules = ",".join(self.install)
        tags = ",".join(f"/{m}" for m in self.test_modules)
        demo = [] if self.demo else ["--without-demo=all"]
        try:
            if self.together:
                # At-install tests run as each module is installed, before the modules that depend
                # on it exist (as for a user installing them one by one); post-install tests then
                # run with every module in place.
                run = self.odoo(
                    "install+tests", "-i", modules, "--test-enable", f"--test-tags={tags}", "--log-level=info", *demo
                )
                self.check_log(run, self.install, allow_test_errors=True)
                self.count_tests(run)
                if run.returncode != 0 and not self.problems:
                    self.problems.append(f"install+tests exited with {run.returncode} (see {run.log_path})")
                return self
            run = self.odoo("install", "-i", modules, "--log-level=info", *demo)
            self.check_log(run, self.install)
            if run.returncode != 0:
                self.problems.append(f"install of {modules} failed (see {run.log_path})")
                return self
            run = self.odoo("upgrade+tests", "-u", modules, "--test-enable", f"--test-tags={tags}", "--log-level=info")
            self.check_log(run, self.install, allow_test_errors=True)
            self.count_tests(run)
            if run.returncode != 0 and not self.problems:
                self.problems.append(f"upgrade+tests exited with {run.returncode} (see {run.log_path})")
            if self.uninstall:
                self.run_uninstall()
        finally:
            if not KEEP:
                odoo_setup.drop_database(self.db, self.workdir / "data")
        return self

    def run_uninstall(self):
        """X-2: the uninstall must leave no module behind and, like an install, log no error at all
        and no warning about our addons (e.g. a record its data cannot delete)."""
        script = self.workdir / f"{self.db}-uninstall.py"
        script.write_text(
            f"mods = env['ir.module.module'].search([('name', 'in', {self.install!r})])\n"
            "mods.button_immediate_uninstall()\n"
            "env.cr.commit()\n"
            "left = mods.filtered(lambda m: m.state != 'uninstalled')\n"
            "print('UNINSTALL-LEFT:', ','.join(left.mapped('name')) or '-')\n"
        )
        config = odoo_setup.write_config(self.workdir / f"{self.db}.conf", self.workdir / "data", self.port)
        command = [odoo_setup.PYTHON, "-m", "odoo", "shell", "-c", str(config), "-d", self.db, "--no-http"]
        run = Run("uninstall", [*command, "--log-level=info"], self.workdir / f"{self.db}-uninstall.log", 900, script)
        self.seconds += run.seconds
        self.check_log(run, self.install)
        text = Path(run.log_path).read_text(errors="replace")
        if run.returncode != 0 or "UNINSTALL-LEFT: -" not in text or "Traceback" in text:
            self.problems.append(f"uninstall failed (see {run.log_path})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", help="comma-separated suite modules (default: all under addons/)")
    parser.add_argument("--no-all", action="store_true", help="skip the all-modules database")
    parser.add_argument("--no-alone", action="store_true", help="skip the one-module databases")
    parser.add_argument("--keep", action="store_true", help="keep databases and logs for inspection")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("SUITE_JOBS", "2")))
    args = parser.parse_args()
    global KEEP
    KEEP = args.keep

    every = odoo_setup.suite_modules()
    modules = [m for m in every if not args.modules or m in args.modules.split(",")]
    unknown = set(args.modules.split(",")) - set(every) if args.modules else set()
    if unknown or not modules:
        print(f"Unknown or no suite modules: {', '.join(sorted(unknown)) or '-'} (known: {', '.join(every)})")
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="sct-tests-"))
    base_port = int(os.environ.get("SUITE_TEST_PORT", "18169"))
    phases = []
    if not args.no_all:
        phases.append(Phase("all", modules, modules, workdir, base_port, together=True))
    if not args.no_alone:
        phases += [Phase(m, [m], [m], workdir, base_port + 1 + i, uninstall=True) for i, m in enumerate(modules)]
    started = time.time()
    print(f"Testing {', '.join(modules)} on {len(phases)} fresh database(s), {args.jobs} at a time")
    print(f"Logs in {workdir}")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for phase in pool.map(Phase.execute, phases):
            status = "ok" if not phase.problems else "FAILED"
            count = sum(c["run"] for c in phase.tests.values())
            print(f"  [{status}] {phase.name}: {count} tests, {phase.seconds:.0f}s")
            for problem in phase.problems:
                print(f"      - {problem}")

    passed = failed = 0
    print("\nPer module (tests run / failed or erroring / skipped, summed over databases):")
    for module in modules:
        counts = collections.Counter()
        for phase in phases:
            counts.update(phase.tests.get(module, {}))
        bad = counts["failed"] + counts["skipped"]
        passed += counts["run"] - bad
        failed += bad
        print(f"  {module:28} {counts['run']:5} run {counts['failed']:4} failed {counts['skipped']:4} skipped")
    check_failures = sum(
        len([p for p in phase.problems if "FAIL:" not in p and "ERROR:" not in p and "skipped test" not in p])
        for phase in phases
    )
    failed += check_failures
    print(f"Install, upgrade, uninstall and log checks failed: {check_failures}")
    print(f"Wall time: {time.time() - started:.0f}s")
    if not KEEP and not failed:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


KEEP = False

if __name__ == "__main__":
    sys.exit(main())
