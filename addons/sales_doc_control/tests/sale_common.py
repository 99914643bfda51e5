# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import SalesControlCase


class SaleApprovalCase(SalesControlCase):
    """Quotations of a specialist, and the approvers' actions on them (DC-3, DC-4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "SCT Polyester staple fibre", "list_price": 100.0})
        cls.immediate = cls.env.ref("account.account_payment_term_immediate")
        cls.customer.property_payment_term_id = cls.immediate
        cls.company.write({"sales_quotation_approval": "all", "sales_gm_approval_amount": 100000.0})

    def _quotation(self, qty=10, price=100.0, user="specialist", **vals):
        return self.as_role(user, "sale.order").create(
            {
                "partner_id": self.customer.id,
                "user_id": self.users[user].id,
                "payment_term_id": self.immediate.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": qty, "price_unit": price})],
                **vals,
            }
        )

    def _decide(self, order, role, decision="validate", comment="Agreed"):
        """An approver approves or rejects through the buttons, giving an opinion (comment)."""
        order = order.with_user(self.users[role])
        action = order.validate_tier() if decision == "validate" else order.reject_tier()
        wizard = self.env["comment.wizard"].with_user(self.users[role]).with_context(**action["context"])
        wizard.create({"comment": comment}).add_comment()
        order.invalidate_recordset()

    def _approve_quotation(self, order):
        order.with_user(order.user_id).request_validation()
        self._decide(order, "supervisor")
        self._decide(order, "manager")
