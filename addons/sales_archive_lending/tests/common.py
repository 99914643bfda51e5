# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.sales_doc_control.tests.sale_common import SaleApprovalCase


class ArchiveCase(SaleApprovalCase):
    """Quotations, orders and contracts of the suite's roles, and their register rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sales_retention_years = 3
        # Quotation approval (sales_doc_control) is another matter: let these quotations be sent.
        cls.company.write({"sales_quotation_approval": "amount", "sales_quotation_approval_amount": 1e12})

    def _document(self, record):
        return (
            self.env["sales.document"]
            .with_context(active_test=False)
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )

    def _customer_file(self):
        """The customer's file (客户基本资料), registered with the customer's first quotation."""
        self._quotation()
        return self._document(self.customer)

    def _confirmed(self, **vals):
        """An order confirmed by the general manager, who passes every tier."""
        order = self._quotation(**vals)
        order.with_user(self.users["gm"]).action_confirm()
        return order

    def _review(self, record, role, decision="validate", comment="Agreed"):
        """An approver decides through the tier buttons, giving an opinion (comment)."""
        self._review_as(record, self.users[role], decision=decision, comment=comment)

    def _review_as(self, record, user, decision="validate", comment="Agreed"):
        record = record.with_user(user)
        action = record.validate_tier() if decision == "validate" else record.reject_tier()
        if isinstance(action, dict) and action.get("res_model") == "comment.wizard":
            wizard = self.env["comment.wizard"].with_user(user).with_context(**action["context"])
            wizard.create({"comment": comment}).add_comment()
        record.invalidate_recordset()
