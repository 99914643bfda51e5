# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_quotation_approval = fields.Selection(
        selection=[
            ("all", "Every quotation"),
            ("amount", "Quotations above an amount"),
            ("price", "Only when a price is outside the salesperson's authority"),
        ],
        string="Quotations Needing Approval",
        default="all",
        required=True,
        help="Which quotations the supervisor and the sales manager approve before they are sent.",
    )
    sales_quotation_approval_amount = fields.Monetary(
        string="Quotation Approval Amount",
        currency_field="currency_id",
        help="Quotations whose total (in company currency) is above this amount need approval.",
    )
    sales_gm_approval_amount = fields.Monetary(
        string="General Manager Contract Amount",
        currency_field="currency_id",
        default=100000.0,
        help="Contracts whose total (in company currency) exceeds this amount are approved by the " "general manager.",
    )
