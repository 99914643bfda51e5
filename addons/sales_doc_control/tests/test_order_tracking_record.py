# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .sale_common import SaleApprovalCase


@tagged("post_install", "-at_install")
class TestOrderTrackingRecord(SaleApprovalCase):
    def test_tracking_steps_are_filed_with_their_order(self):
        """DC-7/DC-8: the order tracking record (订单跟踪记录) is the order's timeline, kept with the order's own
        register row (seed 000: 订单及相关跟踪记录 kept together), not one register document per step; no role
        may change or delete a step (only the system records them)."""
        order = self._quotation()
        steps = order.sales_event_ids
        self.assertEqual(steps.mapped("event"), ["received"])
        self.assertEqual(order.sales_document_id.res_id, order.id)
        self.assertFalse(self.env["sales.document"].search([("res_model", "=", "sales.order.event")]))
        for role in ("specialist", "manager", "gm", "assistant", "finance"):
            step = steps.with_user(self.users[role])
            self.assertEqual(step.event, "received")
            with self.assertRaises(AccessError):
                step.write({"note": "Moved"})
            with self.assertRaises(AccessError):
                step.unlink()
        self.assertTrue(steps.exists())
