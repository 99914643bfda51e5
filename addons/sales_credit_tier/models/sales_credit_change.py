# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesCreditChange(models.Model):
    """CT-5: the credit history of a customer (who, when, from → to, why)."""

    _name = "sales.credit.change"
    _description = "Customer Credit Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Changed By", required=True, default=lambda self: self.env.user)
    approved_by_id = fields.Many2one("res.users")
    field = fields.Selection(
        selection=[
            ("credit_grade", "Credit Grade"),
            ("credit_limit", "Credit Limit"),
            ("payment_term", "Payment Term"),
        ],
        string="What Changed",
        required=True,
    )
    old_value = fields.Char(string="From")
    new_value = fields.Char(string="To")
    reason = fields.Text(string="Why")
    source = fields.Selection(
        selection=[
            ("manual", "Manual Change"),
            ("application", "Credit Application"),
            ("reclassification", "Automatic Reclassification"),
            ("review", "Semiannual Review"),
        ],
        required=True,
        default="manual",
    )
    application_id = fields.Many2one("sales.credit.application", ondelete="restrict")

    def write(self, vals):
        self._raise_immutable()
        return super().write(vals)

    def _raise_immutable(self):
        raise UserError(
            self.env._(
                "Credit history entry of %(partner)s cannot be changed: the credit history is kept as it was recorded.",
                partner=self[:1].partner_id.display_name,
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Credit history entry of %(partner)s cannot be deleted: the credit history is kept.",
                partner=self[:1].partner_id.display_name,
            )
        )
