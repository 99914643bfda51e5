# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

# A 1x1 transparent PNG: what the portal's signature pad sends, base64-encoded.
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="


@tagged("post_install", "-at_install")
class TestPortalApproval(HttpCase):
    def test_customer_signs_only_an_approved_contract(self):
        """DC-3 / DC-4: the customer portal refuses a signature while the contract review is pending."""
        # A company of its own, so that no other suite module's policy (a base price table of the
        # demo company, for instance) takes part in this test.
        company = self.env["res.company"].create({"name": "SCT Portal Co", "sales_quotation_approval": "price"})
        manager = new_test_user(
            self.env,
            login="sct_portal_manager",
            groups="sales_doc_control.group_sales_manager",
            company_id=company.id,
            company_ids=[company.id],
        )
        customer = self.env["res.partner"].create({"name": "SCT Portal Customer", "email": "portal@example.com"})
        product = self.env["product.product"].create({"name": "SCT Fibre", "list_price": 50.0})
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "company_id": company.id,
                    "partner_id": customer.id,
                    "require_signature": True,
                    "require_payment": False,
                    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
                }
            )
        )
        order.action_quotation_sent()
        order._portal_ensure_token()
        params = {"access_token": order.access_token, "name": "Customer buyer", "signature": SIGNATURE}
        refused = self.make_jsonrpc_request(f"/my/orders/{order.id}/accept", params)
        self.assertIn("error", refused)
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.signature)

        order.with_user(manager).request_validation()
        order.with_user(manager)._validate_tier()
        self.assertEqual(order.validation_status, "validated")
        accepted = self.make_jsonrpc_request(f"/my/orders/{order.id}/accept", params)
        self.assertNotIn("error", accepted)
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.signed_by, "Customer buyer")
