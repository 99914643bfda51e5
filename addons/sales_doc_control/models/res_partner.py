# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "sales.document.mixin"]
    _sales_document_fields = ("name", "customer_rank", "user_id", "parent_id", "is_company", "company_id")

    def _sales_document_type_code(self):
        """DC-8: a customer's file (客户基本资料) once it is a commercial customer."""
        is_customer = self.customer_rank > 0 or self.env.context.get("sales_register_customer")
        return "customer_basic" if is_customer and not self.parent_id else False

    def _increase_rank(self, field, n=1):
        res = super()._increase_rank(field, n=n)
        if field == "customer_rank":
            self._sales_register_documents()
        return res

    def _sales_document_values(self):
        values = super()._sales_document_values()
        values["partner_id"] = self.id
        return values
