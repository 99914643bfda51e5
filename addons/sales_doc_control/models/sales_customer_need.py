# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesCustomerNeed(models.Model):
    """DC-10: a record of a customer's needs, preferences and purchase intent (客户需求记录)."""

    _name = "sales.customer.need"
    _description = "Customer Needs Record"
    _inherit = ["mail.thread", "sales.document.mixin"]
    _order = "date desc, id desc"
    _sales_document_fields = ("partner_id", "user_id", "date")

    name = fields.Char(string="Subject", required=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    lead_id = fields.Many2one("crm.lead", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)
    need = fields.Text(string="Needs")
    preference = fields.Text(string="Preferences")
    purchase_intent = fields.Selection(
        selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
        tracking=True,
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)

    def _sales_document_type_code(self):
        return "customer_needs"
