# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import DispatchCase


@tagged("post_install", "-at_install")
class TestDispatchNotice(DispatchCase):
    def test_regular_within_limit_goes_to_sales_manager(self):
        """DG-1/DG-2/DG-3: regular notice within the limit: finance freezes the facts, the sales manager approves."""
        customer = self.make_customer("Shaoxing Keqiao Textiles", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=10.0)
        notice = self.make_notice(order)
        self.assertEqual(notice.line_ids.product_uom_qty, 10.0)
        self.assertAlmostEqual(notice.amount_total, 1000.0)
        self.review(notice)
        self.assertEqual(notice.state, "reviewed")
        self.assertEqual(notice.credit_result, "within")
        self.assertEqual(notice.approval_level, "manager")
        self.approve(notice, "manager")
        self.assertEqual(notice.state, "approved")
        exposure = customer._get_credit_exposure()
        self.assertAlmostEqual(exposure["instructed_not_shipped"], 1000.0)
