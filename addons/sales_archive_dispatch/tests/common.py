# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields

from odoo.addons.sales_dispatch_gate.tests.test_picking_common import ShipCase


class ArchiveShipCase(ShipCase):
    """Shipped deliveries with their dispatch notice and signed receipt, and their register rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The default number of years ([X] in seed 000) of the shipment kinds' retention rules.
        cls.company.sales_retention_years = 3
        # An administrator of this company, who is refused the deletions like anyone.
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.sudo().company_ids |= cls.company

    def document(self, record):
        # The test's own user is an accountant; the register row is read here, not tested for access.
        return (
            self.env["sales.document"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )

    def signed_receipt(self, picking):
        """The customer's signed receipt (发货回执) of ``picking``, confirmed by the salesperson."""
        receipt = (
            self.env["sales.delivery.receipt"].with_user(self.users["specialist"]).create({"picking_id": picking.id})
        )
        scan = self.attachment("回执.pdf", "specialist", res_model="sales.delivery.receipt", res_id=receipt.id)
        receipt.with_user(self.users["specialist"]).write(
            {"sign_date": self.today, "signer_name": "李娜", "scan_ids": [fields.Command.set(scan.ids)]}
        )
        receipt.with_user(self.users["specialist"]).action_confirm()
        return receipt
