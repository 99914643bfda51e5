#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build a module's README.rst from its readme/*.md fragments (the OCA layout).

The fragments use the subset of Markdown that is also valid reStructuredText
(paragraphs and "- " lists, **bold**), so they are copied under their headings.

    python scripts/gen_readme.py addons/<module> [--check]
"""

import ast
import sys
from pathlib import Path

SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def render(module_dir):
    manifest = ast.literal_eval((module_dir / "__manifest__.py").read_text())
    title = manifest["name"]
    lines = ["=" * len(title), title, "=" * len(title), ""]
    lines += [
        f".. |badge1| image:: https://img.shields.io/badge/licence-{manifest['license']}-blue.png",
        f"   :alt: License: {manifest['license']}",
        "",
        "|badge1|",
        "",
        f"**Technical name:** ``{module_dir.name}`` — depends on {', '.join(f'``{d}``' for d in manifest['depends'])}.",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = module_dir / "readme" / fragment
        if not path.is_file():
            continue
        if heading:
            lines += [heading, "=" * len(heading), ""]
        lines += [path.read_text().rstrip().replace("`", "``").replace("````", "``"), ""]
    return "\n".join(lines)


def main(module, *flags):
    module_dir = Path(module).resolve()
    text = render(module_dir)
    target = module_dir / "README.rst"
    if "--check" in flags:
        if not target.is_file() or target.read_text() != text:
            print(f"{target} is out of date: run python scripts/gen_readme.py {module}")
            return 1
        return 0
    target.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
