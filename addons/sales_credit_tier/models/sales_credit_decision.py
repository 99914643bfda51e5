# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

CREDIT_RULES = [
    ("ok", "Within Policy"),
    ("unlimited", "Grade A (No Limit)"),
    ("cash", "Cash Payment Term"),
    ("over_limit", "Over the Credit Limit"),
    ("overdue", "Overdue Payments"),
    ("new_small", "New Customer up to the Threshold"),
    ("new_large", "New Customer above the Threshold"),
    ("refused_d", "Refused: Grade D"),
    ("refused_c", "Refused: Grade C without Cash Term"),
]

CREDIT_GRADES = [
    ("a", "A"),
    ("b", "B"),
    ("c", "C"),
    ("d", "D"),
]


class SalesCreditDecision(models.Model):
    """CT-4: the snapshot of one credit decision on an order, immutable once written."""

    _name = "sales.credit.decision"
    _description = "Credit Decision Snapshot"
    _order = "date desc, id desc"

    order_id = fields.Many2one("sale.order", index=True, ondelete="set null", readonly=True)
    order_ref = fields.Char(string="Order Reference", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    event = fields.Selection(
        selection=[("confirm", "Confirmation"), ("increase", "Order Increase")],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Decided By", required=True, readonly=True)
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True)
    rule = fields.Selection(CREDIT_RULES, string="Rule Applied", required=True, readonly=True)
    reason = fields.Text(string="Overdue Reason", readonly=True)
    credit_grade = fields.Selection(CREDIT_GRADES, string="Grade", readonly=True)
    credit_limit = fields.Monetary(readonly=True)
    receivable = fields.Monetary(string="Receivables", readonly=True)
    shipped_not_invoiced = fields.Monetary(readonly=True)
    instructed_not_shipped = fields.Monetary(readonly=True)
    exposure = fields.Monetary(string="Exposure Before Order", readonly=True)
    order_amount = fields.Monetary(readonly=True)
    projected_exposure = fields.Monetary(readonly=True)
    overdue_amount = fields.Monetary(readonly=True)
    overdue_days = fields.Integer(readonly=True)

    def write(self, vals):
        self._raise_immutable()
        return super().write(vals)

    def _raise_immutable(self):
        raise UserError(
            self.env._(
                "Credit decision on %(order)s cannot be changed: a decision keeps the facts it was taken on.",
                order=self[:1].order_ref,
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Credit decision on %(order)s cannot be deleted: a decision keeps the facts it was taken on.",
                order=self[:1].order_ref,
            )
        )
