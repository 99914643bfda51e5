# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

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

    @api.model
    def _credit_insert(self, vals_list):
        """CT-6/X-7: insert the generated lines of a review set-based, 10,000 per statement.

        The ORM's create costs about a quarter of a millisecond per line in Python, too much for
        100,000 customers; these lines have no computed field but their company (written here), no
        constraint but the unique customer per review (kept by the database) and nothing happens
        when they are created, so inserting them directly leaves them as the ORM would.
        """
        if not vals_list:
            return
        self.check_access("create")
        names = sorted(vals_list[0])
        company = {
            review.id: review.company_id.id
            for review in self.env["sales.credit.review"].browse({vals["review_id"] for vals in vals_list})
        }
        columns = SQL(", ").join(
            SQL.identifier(name)
            for name in [*names, "company_id", "create_uid", "create_date", "write_uid", "write_date"]
        )
        for batch in split_every(10000, vals_list):
            rows = SQL(", ").join(
                SQL(
                    "(%s, %s, %s, (NOW() AT TIME ZONE 'UTC'), %s, (NOW() AT TIME ZONE 'UTC'))",
                    SQL(", ").join(SQL("%s", None if vals[name] is False else vals[name]) for name in names),
                    company[vals["review_id"]],
                    self.env.uid,
                    self.env.uid,
                )
                for vals in batch
            )
            self.env.cr.execute(SQL("INSERT INTO %s (%s) VALUES %s", SQL.identifier(self._table), columns, rows))
        self.env["sales.credit.review"].browse(list(company)).invalidate_recordset(["line_ids"])

    def write(self, vals):
        if any(line.review_id.state != "draft" for line in self):
            self.review_id._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.review_id.state != "draft" for line in self):
            raise UserError(self.env._("Lines of an approved credit review are kept: they cannot be deleted."))
