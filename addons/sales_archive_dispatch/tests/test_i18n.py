# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.sales_doc_control.tests.i18n_check import missing_translations


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_is_in_the_pot_and_translated(self):
        """X-3: every label, help, selection, menu and message of the module is translated to zh_CN."""
        not_in_pot, untranslated = missing_translations(self.env, "sales_archive_dispatch")
        self.assertFalse(not_in_pot, "Regenerate i18n/sales_archive_dispatch.pot: these terms are missing from it")
        self.assertFalse(untranslated, "Translate these terms in i18n/zh_CN.po")
