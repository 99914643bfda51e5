# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .sales_credit_decision import CREDIT_GRADES


class SalesCreditReviewLine(models.Model):
    """CT-6: one customer of a semiannual review: the facts, the proposal and the decision."""

    _name = "sales.credit.review.line"
    _description = "Semiannual Credit Review Line"
    _order = "partner_id"

    review_id = fields.Many2one("sales.credit.review", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    months_inactive = fields.Integer(string="Months Since Last Transaction", readonly=True)
    overdue_amount = fields.Monetary(readonly=True)
    overdue_days = fields.Integer(readonly=True)
    six_month_sales = fields.Monetary(string="Sales of the Last Six Months", readonly=True)
    current_grade = fields.Selection(CREDIT_GRADES, readonly=True)
    current_limit = fields.Monetary(string="Current Credit Limit", readonly=True)
    proposed_grade = fields.Selection(CREDIT_GRADES, string="Proposed by the Rules", readonly=True)
    reason = fields.Char(string="Rule", readonly=True)
    decided_grade = fields.Selection(CREDIT_GRADES, string="Decision")
    decided_limit = fields.Monetary(string="Decided Credit Limit")
    note = fields.Char(string="Manager's Note")

    _sql_constraints = [
        ("review_partner_uniq", "unique(review_id, partner_id)", "A customer appears once in a credit review."),
    ]

    def write(self, vals):
        if any(line.review_id.state != "draft" for line in self):
            self.review_id._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.review_id.state != "draft" for line in self):
            raise UserError(self.env._("Lines of an approved credit review are kept: they cannot be deleted."))
