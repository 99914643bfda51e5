# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesViolationRule(models.Model):
    """DC-12: a rule of the sales policy whose breach is recorded, with its fine band."""

    _name = "sales.violation.rule"
    _description = "Sales Violation Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(string="Rule", required=True, translate=True, tracking=True)
    code = fields.Char(required=True, help="Technical key other modules use to report a breach.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    fine_min = fields.Monetary(string="Minimum Fine", currency_field="currency_id", tracking=True)
    fine_max = fields.Monetary(string="Maximum Fine", currency_field="currency_id", tracking=True)
    escalate_to_company = fields.Boolean(
        help="Breaches of this rule are referred to the company (general manager) "
        "instead of being fined by the sales manager.",
        tracking=True,
    )
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id,
        required=True,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each violation rule code must be unique."),
    ]

    @api.constrains("fine_min", "fine_max")
    def _check_fine_band(self):
        for rule in self:
            if rule.fine_min < 0 or rule.fine_max < rule.fine_min:
                raise ValidationError(
                    self.env._(
                        "Violation rule %(rule)s: the fine band must start at zero or more "
                        "and its maximum must not be below its minimum. Correct the two amounts.",
                        rule=rule.display_name,
                    )
                )
