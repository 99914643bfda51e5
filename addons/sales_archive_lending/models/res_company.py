# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_retention_years = fields.Integer(
        string="Default Retention Years",
        default=5,
        help="Years a sales document is kept after its trigger event (the [X] of the sales document policy), "
        "for retention rules that do not set their own number of years.",
    )
    sales_access_max_days = fields.Integer(
        string="Longest Access Window (Days)",
        default=30,
        help="An access request may grant read access for at most this many days.",
    )
    sales_lending_reminder_days = fields.Integer(
        string="Overdue Reminder to the Archivist (Days)",
        default=3,
        help="Days after the due date when the overdue reminder also goes to the archivist.",
    )
    sales_lending_escalation_days = fields.Integer(
        string="Overdue Reminder to the Superior (Days)",
        default=7,
        help="Days after the due date when the overdue reminder also goes to the borrower's superior.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "sales_retention_years" in vals:
            self._sales_refresh_default_retention()
        return res

    def _sales_refresh_default_retention(self):
        """AL-1: the company's default years move the retain-until date of every document of these
        companies whose rule uses the default (years left at 0)."""
        # Every document follows the schedule, including those the person changing the setting may not read.
        documents = self.env["sales.document"].sudo().with_context(active_test=False)
        documents.search(
            [
                ("company_id", "in", self.ids),
                ("retention_rule_id.years", "=", 0),
                ("retention_trigger_date", "!=", False),
                ("disposed", "=", False),
            ]
        )._sales_refresh_retention()
