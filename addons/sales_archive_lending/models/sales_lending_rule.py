# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sales_doc_control.models.sales_document_type import CATEGORIES, CONFIDENTIALITY


class SalesLendingRule(models.Model):
    """AL-6: loan period and number of extensions per category and confidentiality of the files."""

    _name = "sales.lending.rule"
    _description = "Lending Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, help="Leave empty for every category.", tracking=True)
    confidentiality = fields.Selection(CONFIDENTIALITY, help="Leave empty for every level.", tracking=True)
    loan_days = fields.Integer(string="Loan Period (Days)", required=True, tracking=True)
    max_extensions = fields.Integer(string="Extensions Allowed", tracking=True)
    extension_days = fields.Integer(string="Days per Extension", tracking=True)
    active = fields.Boolean(default=True)

    @api.model
    def _rule_for(self, category, confidentiality):
        """AL-6: the most specific active rule for a file (category and level, then either, then generic)."""
        matching = self.search(
            [("category", "in", [category, False]), ("confidentiality", "in", [confidentiality, False])]
        )
        if not matching:
            raise UserError(
                self.env._(
                    "No lending rule covers %(category)s files: ask the archivist to add one to the lending rules.",
                    category=dict(CATEGORIES).get(category, category),
                )
            )
        return max(matching, key=lambda r: (bool(r.category) + bool(r.confidentiality), -r.sequence))
