# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from io import BytesIO

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditMaster(CreditCase):
    def test_master_table_rows_and_xlsx(self):
        """CT-8: the credit master table lists grade, limit, exposure parts, available, overdue, review."""
        customer = self.make_customer("Zhejiang Hengyuan Textile", grade="b", limit=5000.0)
        customer.write({"credit_last_review_date": self.today, "credit_approved_by_id": self.users["gm"].id})
        self.make_invoice(customer, 1200.0, days_ago=45, due_days=30)
        action = self.env["sales.credit.master"].with_user(self.users["finance"]).action_open_master_table()
        rows = self.env["sales.credit.master"].browse(action["domain"][0][2])
        row = rows.filtered(lambda r: r.partner_id == customer)
        self.assertRecordValues(
            row,
            [
                {
                    "credit_grade": "b",
                    "credit_limit": 5000.0,
                    "receivable": 1200.0,
                    "exposure": 1200.0,
                    "available": 3800.0,
                    "overdue_amount": 1200.0,
                    "overdue_days": 15,
                    "approved_by_id": self.users["gm"].id,
                }
            ],
        )
        content, report_type = self.env["ir.actions.report"]._render_xlsx(
            "sales_credit_tier.action_report_credit_master_xlsx", row.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        sheet = openpyxl.load_workbook(BytesIO(content)).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(values[0][0], "Customer")
        self.assertEqual(len(values), 2)
        self.assertEqual(values[1][0], customer.display_name)
        self.assertEqual(values[1][1], "B")
        self.assertEqual(values[1][2], 5000.0)
        self.assertEqual(values[1][6], 1200.0)
        self.assertEqual(values[1][7], 3800.0)
        self.assertEqual(values[1][9], 15)
        self.assertEqual(values[1][11], self.users["gm"].name)

    def test_gate_guard_cannot_open_the_table(self):
        """X-5: the gate guard gets an access error on the credit master table."""
        with self.assertRaises(AccessError):
            self.env["sales.credit.master"].with_user(self.users["guard"]).action_open_master_table()
