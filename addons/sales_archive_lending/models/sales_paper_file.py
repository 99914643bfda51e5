# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_doc_control.models.sales_document_type import CATEGORIES


class SalesPaperFile(models.Model):
    """AL-4: a bound paper file (装订成册) with its cover label: name, year, month and barcode."""

    _name = "sales.paper.file"
    _description = "Paper File"
    _inherit = ["mail.thread"]
    _order = "year desc, month desc, name"

    name = fields.Char(required=True, tracking=True)
    category = fields.Selection(CATEGORIES, required=True, tracking=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True)
    month = fields.Integer(default=lambda self: fields.Date.context_today(self).month, tracking=True)
    location_id = fields.Many2one(
        "sales.archive.location",
        domain="[('location_type', 'in', ('shelf', 'box'))]",
        tracking=True,
        index=True,
    )
    document_ids = fields.Many2many(
        "sales.document", "sales_paper_file_document_rel", "file_id", "document_id", string="Documents"
    )
    copies = fields.Integer(default=1, tracking=True)
    barcode = fields.Char(readonly=True, copy=False, default="/")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _sql_constraints = [
        ("barcode_uniq", "unique(barcode)", "Each paper file has its own barcode."),
        ("month_range", "CHECK(month IS NULL OR (month >= 1 AND month <= 12))", "The month runs from 1 to 12."),
        ("copies_positive", "CHECK(copies > 0)", "A paper file has at least one copy."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("barcode", "/") == "/":
                vals["barcode"] = self.env["ir.sequence"].next_by_code("sales.paper.file") or "/"
        return super().create(vals_list)

    @api.constrains("location_id", "category", "year")
    def _check_partition(self):
        """AL-4: a file is filed in the cabinet partition of its category and year."""
        for paper in self.filtered("location_id"):
            location = paper.location_id
            if (location.category and location.category != paper.category) or (
                location.year and location.year != paper.year
            ):
                raise ValidationError(
                    self.env._(
                        "Paper file %(file)s (%(year)s) does not belong in %(loc)s, which keeps another category or "
                        "year: choose a box of its own partition.",
                        file=paper.name,
                        year=paper.year,
                        loc=location.complete_name,
                    )
                )
