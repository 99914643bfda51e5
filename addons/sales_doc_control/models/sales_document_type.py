# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

CONFIDENTIALITY = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("confidential", "Confidential"),
    ("secret", "Secret"),
]
CATEGORIES = [
    ("customer", "Customer information"),
    ("contract", "Sales contracts"),
    ("quotation", "Quotations"),
    ("order", "Orders"),
    ("shipping", "Shipping records"),
    ("after_sales", "After-sales records"),
]


class SalesDocumentType(models.Model):
    """DC-8: a sub-type of one of the six classes of sales documents, with its default confidentiality (DC-9)."""

    _name = "sales.document.type"
    _description = "Sales Document Type"
    _inherit = ["mail.thread"]
    _order = "category, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key the suite's modules use to register their records.")
    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, required=True, tracking=True)
    confidentiality = fields.Selection(
        CONFIDENTIALITY,
        string="Default Confidentiality",
        required=True,
        default="internal",
        tracking=True,
        help="Confidentiality given to new documents of this type.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each document type code must be unique.")]
