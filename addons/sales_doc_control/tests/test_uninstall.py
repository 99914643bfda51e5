# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import SalesControlCase


class TestUninstall(SalesControlCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_type = cls.env["sales.document.type"].create(
            {"name": "SCT uninstall type", "code": "sct_uninstall", "category": "order"}
        )
        cls.document = cls.env["sales.document"].create(
            {
                "name": "SCT register row",
                "res_model": "res.partner",
                "res_id": cls.customer.id,
                "type_id": cls.doc_type.id,
            }
        )

    def test_type_in_use_is_archived_not_deleted(self):
        """X-2 / DC-8: a document type used by the register cannot be deleted; the message says to archive it."""
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.doc_type.unlink()
        self.assertTrue(self.document.exists())
        self.doc_type.action_archive()
        self.assertFalse(self.doc_type.active)

    def test_uninstall_removes_the_register_rows_of_its_types(self):
        """X-2: uninstalling the module that ships a document type removes the register rows of that
        type first, so the type (required on the register row) can be deleted without a database error."""
        self.doc_type.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertFalse(self.doc_type.exists())
        self.assertFalse(self.document.exists())
