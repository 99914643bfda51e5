# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    sales_is_cash = fields.Boolean(
        string="Cash in Advance or on Delivery",
        compute="_compute_sales_is_cash",
        store=True,
        readonly=False,
        help="Orders with this term grant the customer no credit, so finance does not review them. "
        "Set automatically when every instalment is due on the invoice date.",
    )

    @api.depends("line_ids.nb_days", "line_ids.delay_type")
    def _compute_sales_is_cash(self):
        for term in self:
            term.sales_is_cash = bool(term.line_ids) and all(
                line.delay_type == "days_after" and not line.nb_days for line in term.line_ids
            )
