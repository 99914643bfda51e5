# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-3: shared check that a suite module's terms are all in its .pot and translated in zh_CN.po."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader


def missing_translations(env, module, lang="zh_CN"):
    """Return (terms missing from the .pot, terms without a zh_CN translation)."""
    i18n = Path(get_module_path(module)) / "i18n"
    pot = polib.pofile(str(i18n / f"{module}.pot"))
    po = polib.pofile(str(i18n / f"{lang}.po"))
    pot_ids = {entry.msgid for entry in pot if not entry.obsolete}
    translated = {entry.msgid for entry in po if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags}
    terms = {
        source
        for _mod, _type, _name, _res_id, source, _value, _comments in TranslationModuleReader(env.cr, modules=[module])
        if source
    }
    return sorted(terms - pot_ids), sorted((terms | pot_ids) - translated)
