# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.sales_credit_decision import CREDIT_GRADES


class SalesCreditMaster(models.TransientModel):
    """CT-8: the credit master table (客户信用额度总表), taken as of the moment it is opened.

    Exposure is computed on demand, so the table is a snapshot of transient rows: that lets
    the list group and the pivot aggregate the amounts.
    """

    _name = "sales.credit.master"
    _description = "Credit Master Table"
    _order = "partner_name, id"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    partner_name = fields.Char(related="partner_id.name", store=True, string="Customer Name")
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    credit_grade = fields.Selection(CREDIT_GRADES, string="Grade", readonly=True)
    credit_limit = fields.Monetary(readonly=True)
    receivable = fields.Monetary(string="Open Receivables", readonly=True)
    shipped_not_invoiced = fields.Monetary(readonly=True)
    instructed_not_shipped = fields.Monetary(readonly=True)
    exposure = fields.Monetary(string="Credit Exposure", readonly=True)
    available = fields.Monetary(string="Available Credit", readonly=True)
    overdue_amount = fields.Monetary(readonly=True)
    overdue_days = fields.Integer(readonly=True, aggregator="max")
    last_review_date = fields.Date(string="Last Review", readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)

    @api.model
    def _customers_domain(self):
        return [("is_company", "=", True), ("customer_rank", ">", 0)]

    @api.model
    def _rows_values(self, partners):
        """CT-8: one row per customer with its grade, limit and exposure (batched queries)."""
        company = self.env.company
        partners = partners.with_company(company)
        exposure = partners._credit_exposure_map(company)
        rows = []
        for partner in partners:
            values = exposure[partner.id]
            rows.append(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": partner.user_id.id,
                    "credit_grade": partner.credit_grade,
                    "credit_limit": partner._credit_limit_value(),
                    "receivable": values["receivable"],
                    "shipped_not_invoiced": values["shipped_not_invoiced"],
                    "instructed_not_shipped": values["instructed_not_shipped"],
                    "exposure": values["total"],
                    "available": partner._credit_limit_value() - values["total"]
                    if partner.credit_grade != "a"
                    else 0.0,
                    "overdue_amount": values["overdue_amount"],
                    "overdue_days": values["overdue_days"],
                    "last_review_date": partner.credit_last_review_date,
                    "approved_by_id": partner.credit_approved_by_id.id,
                }
            )
        return rows

    @api.model
    def action_open_master_table(self):
        """CT-8: build the table for the customers the user may see and open it."""
        self.check_access("create")
        partners = self.env["res.partner"].search(self._customers_domain())
        rows = self.create(self._rows_values(partners))
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_credit_tier.sales_credit_master_action")
        action["domain"] = [("id", "in", rows.ids)]
        return action
