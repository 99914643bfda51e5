#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Say clearly whether Odoo 18.0 can be imported by this Python, and how to get it if not."""

import sys

HOW = """\
The Sales Control Suite runs on Odoo 18.0 (Community or Enterprise).
Provide it in one of these ways, then run the command again:
  - install Odoo 18.0 for this Python, following
    https://www.odoo.com/documentation/18.0/administration/on_premise/source.html
    (git clone --branch 18.0 https://github.com/odoo/odoo, then
     pip install -r requirements.txt and pip install -e . --config-settings editable_mode=compat);
  - or name another interpreter that has it: make test PYTHON=/path/to/python;
  - or use the Docker path, which needs no local Odoo: see docker/README.md."""


def main():
    try:
        import odoo.release
    except Exception as exc:
        print(f"Odoo is not importable by {sys.executable}: {exc}\n\n{HOW}", file=sys.stderr)
        return 1
    if tuple(odoo.release.version_info[:2]) != (18, 0):
        print(f"{sys.executable} imports Odoo {odoo.release.version}, not 18.0.\n\n{HOW}", file=sys.stderr)
        return 1
    print(f"Odoo {odoo.release.version} found for {sys.executable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
