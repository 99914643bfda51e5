#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Merge a module's freshly exported .pot into its zh_CN.po.

Keeps existing translations, fills generic terms (field labels of Odoo's
mixins, "Company", "Status", ...) from the zh_CN.po files of the Odoo and OCA
modules it depends on, and lists what is still untranslated.

    python scripts/update_translations.py addons/sales_doc_control
"""

import ast
import sys
from pathlib import Path

import polib


def odoo_module_path(name, addons_dir):
    local = addons_dir / name
    if local.is_dir():
        return local
    import odoo.addons

    for root in odoo.addons.__path__:
        if (Path(root) / name / "__manifest__.py").is_file():
            return Path(root) / name
    return None


def dependency_closure(module_dir, addons_dir):
    seen, todo, paths = set(), [module_dir.name], []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = odoo_module_path(name, addons_dir)
        if not path:
            continue
        paths.append(path)
        manifest = ast.literal_eval((path / "__manifest__.py").read_text())
        todo.extend(manifest.get("depends", ["base"]) if name != "base" else [])
    return paths


def main(module_dir, lang="zh_CN"):
    module_dir = Path(module_dir).resolve()
    i18n = module_dir / "i18n"
    pot = polib.pofile(str(i18n / f"{module_dir.name}.pot"))
    po_path = i18n / f"{lang}.po"
    current = {e.msgid: e.msgstr for e in polib.pofile(str(po_path)) if e.msgstr} if po_path.exists() else {}
    memory = {}
    for path in dependency_closure(module_dir, module_dir.parent):
        if path == module_dir:
            continue
        lang_po = path / "i18n" / f"{lang}.po"
        if lang_po.is_file():
            for entry in polib.pofile(str(lang_po)):
                if entry.msgstr and not entry.obsolete:
                    memory.setdefault(entry.msgid, entry.msgstr)
    po = polib.POFile()
    po.metadata = dict(pot.metadata, Language=lang, **{"Plural-Forms": "nplurals=1; plural=0;"})
    missing = []
    for entry in pot:
        entry.msgstr = current.get(entry.msgid) or memory.get(entry.msgid, "")
        if not entry.msgstr:
            missing.append(entry.msgid)
        po.append(entry)
    po.save(str(po_path))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{po_path}: {len(pot) - len(missing)} of {len(pot)} terms translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
