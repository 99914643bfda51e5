# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import DispatchCase


@tagged("post_install", "-at_install")
class TestDispatchApprovalTour(DispatchCase, HttpCase):
    def test_sales_manager_approves_in_the_browser(self):
        """DG-3 / X-8: in the web client the sales manager reads finance's review and approves the notice."""
        customer = self.make_customer("Ningbo Browser Textiles", grade="b", limit=50000.0)
        notice = self.review(self.make_notice(self.confirmed_order(customer, qty=10.0)))
        notice.with_user(self.users["specialist"]).request_validation()
        self.assertEqual(notice.state, "reviewed")
        self.start_tour(
            f"/odoo/action-sales_dispatch_gate.action_sales_dispatch_notice/{notice.id}",
            "sales_dispatch_approval_tour",
            login=self.users["manager"].login,
        )
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "approved")
        self.assertEqual(notice.approved_by_id, self.users["manager"])
