# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

# A 1x1 transparent PNG: what the portal's signature pad sends, base64-encoded.
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="


@tagged("post_install", "-at_install")
class TestPortalApproval(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own, so that no other suite module's policy (a base price table of the
        # demo company, for instance) takes part in these tests.
        cls.company = cls.env["res.company"].create({"name": "SCT Portal Co", "sales_quotation_approval": "price"})
        cls.manager = new_test_user(
            cls.env,
            login="sct_portal_manager",
            groups="sales_doc_control.group_sales_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.customer = cls.env["res.partner"].create({"name": "SCT Portal Customer", "email": "portal@example.com"})
        cls.product = cls.env["product.product"].create({"name": "SCT Fibre", "list_price": 50.0})

    def _order(self, **vals):
        return (
            self.env["sale.order"]
            .with_company(self.company)
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.customer.id,
                    "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2})],
                    **vals,
                }
            )
        )

    def test_customer_signs_only_an_approved_contract(self):
        """DC-3 / DC-4: the customer portal refuses a signature while the contract review is pending."""
        manager = self.manager
        order = self._order(require_signature=True, require_payment=False)
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

    @mute_logger("odoo.http")
    def _json(self, route, params):
        """A JSON-RPC call; its result and its error message (the message is what the user reads)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 0, "params": params}
        response = self.url_open(route, data=json.dumps(payload), headers={"Content-Type": "application/json"})
        response.raise_for_status()
        body = response.json()
        error = body.get("error")
        return body.get("result"), error and error["data"]["message"]

    def _pay_on_portal(self, order, provider, method):
        """The customer's payment form posting to the order's transaction route, with the order's access
        token (a payment link leads to the same route)."""
        params = {
            "access_token": order.access_token,
            "provider_id": provider.id,
            "payment_method_id": method.id,
            "token_id": None,
            "amount": order.amount_total,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": order.get_portal_url(),
        }
        return self._json(f"/my/orders/{order.id}/transaction", params)[1]

    def _payment_link(self, order):
        """The salesperson's "Generate a Payment Link" on the order, through the web client's calls."""
        context = {"active_model": "sale.order", "active_id": order.id, "allowed_company_ids": self.company.ids}
        wizard_id, error = self._json(
            "/web/dataset/call_kw/payment.link.wizard/create",
            {"model": "payment.link.wizard", "method": "create", "args": [{}], "kwargs": {"context": context}},
        )
        if error:
            return None, error
        result, error = self._json(
            "/web/dataset/call_kw/payment.link.wizard/read",
            {"model": "payment.link.wizard", "method": "read", "args": [wizard_id, ["link"]], "kwargs": {}},
        )
        return result and result[0]["link"], error

    def test_customer_pays_only_an_approved_quotation(self):
        """DC-3 / DC-4: the portal's payment route refuses to pay a quotation awaiting approval and tells the
        customer it can be paid once approved, and the salesperson gets no payment link for it; the portal
        does not offer the payment. Approved, the salesperson generates the link and the customer pays."""
        method = self.env.ref("payment.payment_method_unknown")
        provider = self.env["payment.provider"].create(
            {
                "name": "SCT portal transfer",
                "code": "none",
                "state": "test",
                "company_id": self.company.id,
                "payment_method_ids": [Command.set(method.ids)],
            }
        )
        method.active = True
        order = self._order(require_signature=False, require_payment=True, prepayment_percent=1.0)
        order.action_quotation_sent()
        order._portal_ensure_token()
        self.assertFalse(order._has_to_be_paid())
        error = self._pay_on_portal(order, provider, method)
        self.assertIn(f"Quotation {order.name} is awaiting internal approval", error or "")
        self.assertIn("It can be paid once it is approved", error)
        self.assertFalse(self.env["payment.transaction"].search([("sale_order_ids", "in", order.ids)]))
        self.authenticate(self.manager.login, self.manager.login)
        link, error = self._payment_link(order)
        self.assertFalse(link)
        self.assertIn("step “Contract review: sales manager”", error or "")

        order.with_user(self.manager).request_validation()
        order.with_user(self.manager)._validate_tier()
        self.assertEqual(order.validation_status, "validated")
        self.assertTrue(order._has_to_be_paid())
        link, error = self._payment_link(order)
        self.assertFalse(error)
        self.assertIn(f"sale_order_id={order.id}", link)
        self.assertFalse(self._pay_on_portal(order, provider, method))
        transaction = self.env["payment.transaction"].search([("sale_order_ids", "in", order.ids)])
        self.assertEqual(transaction.amount, order.amount_total)
