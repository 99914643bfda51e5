# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesLendingCompensation(models.Model):
    """AL-6: compensation for a paper file returned damaged or lost (赔偿责任), decided by the sales manager."""

    _name = "sales.lending.compensation"
    _description = "Lending Compensation"
    _inherit = ["mail.thread"]
    _order = "id desc"

    lending_id = fields.Many2one("sales.lending", required=True, ondelete="restrict", index=True)
    borrower_id = fields.Many2one(related="lending_id.borrower_id", store=True)
    paper_file_id = fields.Many2one("sales.paper.file", required=True, ondelete="restrict")
    condition = fields.Selection(selection=[("damaged", "Damaged"), ("lost", "Lost")], required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(tracking=True)
    decision = fields.Selection(
        selection=[("pending", "To Decide"), ("charged", "Charged to the Borrower"), ("waived", "Waived")],
        default="pending",
        required=True,
        tracking=True,
    )
    note = fields.Text(tracking=True)
    company_id = fields.Many2one(related="lending_id.company_id", store=True)
