# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .sale_common import SaleApprovalCase


class TestContract(SaleApprovalCase):
    def _confirmed(self, qty=10, price=100.0):
        order = self._quotation(qty=qty, price=price)
        # The general manager holds every approving role, so confirming approves every tier at once.
        order.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(order.state, "sale")
        return order

    def test_contract_classes(self):
        """DC-5: long-term from six months between start and end; non-regular when a product is flagged."""
        order = self._quotation(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 7, 1))
        self.assertEqual(order.sales_contract_term, "long")
        order.sales_contract_end = date(2026, 6, 30)
        self.assertEqual(order.sales_contract_term, "short")
        self.assertEqual(order.sales_product_class, "regular")
        self.product.sales_non_regular = True
        self.assertEqual(self._quotation().sales_product_class, "non_regular")
        with self.assertRaisesRegex(UserError, "cannot end before it starts"):
            order.sales_contract_end = date(2025, 12, 31)

    def test_contract_pdf_has_the_clauses_and_both_signatures(self):
        """DC-5: the contract prints every clause of the seed and both signature blocks."""
        order = self._quotation(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        report = self.env.ref("sales_doc_control.action_report_sales_contract")
        html = str(report.with_user(self.users["specialist"])._render_qweb_html(report.report_name, order.ids)[0])
        for heading in (
            "Specification, quantity and price",
            "Delivery",
            "Payment",
            "Quality standard",
            "Liability for breach",
            "Seller (seal)",
            "Buyer (seal)",
        ):
            self.assertIn(heading, html)
        self.assertIn(self.customer.name, html)
        self.assertIn("SCT Polyester staple fibre", html)
        self.assertIn("Long-term", html)

    def test_confirmed_terms_change_only_through_an_amendment(self):
        """DC-6: quantity, price, specification and delivery date of a confirmed contract are locked."""
        order = self._confirmed()
        line = order.order_line
        for vals in ({"product_uom_qty": 20}, {"price_unit": 90}, {"name": "Other spec"}):
            with self.assertRaisesRegex(UserError, "through a contract change"):
                line.with_user(self.users["specialist"]).write(vals)
        with self.assertRaisesRegex(UserError, "through a contract change"):
            order.with_user(self.users["specialist"]).commitment_date = datetime(2026, 12, 1)

    def test_amendment_applies_only_once_approved(self):
        """DC-6: a contract change keeps old → new per line and reaches the order only after approval."""
        order = self._confirmed()
        line = order.order_line
        amendment = self.as_role("specialist", "sales.contract.amendment").create(
            {
                "order_id": order.id,
                "amendment_type": "other",
                "reason": "The customer doubles the quantity at a lower price",
                "new_commitment_date": datetime(2027, 1, 15),
                "line_ids": [(0, 0, {"order_line_id": line.id, "new_quantity": 20, "new_price": 95.0})],
            }
        )
        self.assertTrue(amendment.name.startswith("BG/"))
        self.assertEqual((amendment.line_ids.old_quantity, amendment.line_ids.old_price), (10, 100.0))
        self.assertFalse(amendment.gm_approval_required)
        with self.assertRaisesRegex(UserError, "has not been submitted"):
            amendment.with_user(self.users["specialist"]).action_apply()
        amendment.with_user(self.users["specialist"]).request_validation()
        with self.assertRaises(ValidationError):
            amendment.with_user(self.users["specialist"]).action_apply()
        self.assertEqual(line.product_uom_qty, 10)
        self._decide(amendment, "manager", comment="Capacity confirmed")
        amendment.with_user(self.users["specialist"]).action_apply()
        self.assertEqual(amendment.state, "applied")
        self.assertEqual((line.product_uom_qty, line.price_unit), (20, 95.0))
        self.assertEqual(order.commitment_date, datetime(2027, 1, 15))
        self.assertIn(amendment, order.sales_amendment_ids)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            amendment.with_user(self.users["manager"]).unlink()

    def test_amendment_above_the_gm_amount_needs_the_general_manager(self):
        """DC-6: when the new total crosses the GM threshold, the general manager approves too."""
        self.company.sales_gm_approval_amount = 5000.0
        order = self._confirmed(qty=40)
        amendment = self.as_role("specialist", "sales.contract.amendment").create(
            {
                "order_id": order.id,
                "amendment_type": "quantity",
                "reason": "Second batch",
                "line_ids": [(0, 0, {"order_line_id": order.order_line.id, "new_quantity": 60})],
            }
        )
        self.assertTrue(amendment.gm_approval_required)
        reviews = amendment.with_user(self.users["specialist"]).request_validation()
        self.assertIn(self.env.ref("sales_doc_control.tier_amendment_general_manager"), reviews.definition_id)
        self._decide(amendment, "manager")
        with self.assertRaises(ValidationError):
            amendment.with_user(self.users["manager"]).action_apply()
        self._decide(amendment, "gm")
        amendment.with_user(self.users["manager"]).action_apply()
        self.assertEqual(order.order_line.product_uom_qty, 60)

    def test_amendment_needs_a_confirmed_contract_and_a_sales_role(self):
        """DC-6 / X-5: quotations are edited directly; the gate guard cannot see contract changes."""
        with self.assertRaisesRegex(UserError, "not a confirmed contract"):
            self.as_role("specialist", "sales.contract.amendment").create(
                {"order_id": self._quotation().id, "amendment_type": "price", "reason": "x"}
            )
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.contract.amendment").search([])


@tagged("post_install", "-at_install")
class TestContractPdf(HttpCase):
    def test_contract_renders_as_pdf(self):
        """DC-5: the contract is produced as a real PDF (wkhtmltopdf fetches its styles from the server)."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        partner = self.env["res.partner"].create({"name": "SCT PDF Customer"})
        order = self.env["sale.order"].create({"partner_id": partner.id})
        report = self.env.ref("sales_doc_control.action_report_sales_contract")
        pdf, fmt = report.with_context(force_report_rendering=True)._render_qweb_pdf(report.report_name, order.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
