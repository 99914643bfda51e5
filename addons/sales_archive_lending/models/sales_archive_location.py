# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_doc_control.models.sales_document_type import CATEGORIES

LOCATION_TYPES = [("room", "Archive room"), ("cabinet", "Cabinet"), ("shelf", "Shelf"), ("box", "Box")]
PARENT_TYPE = {"room": False, "cabinet": "room", "shelf": "cabinet", "box": "shelf"}


class SalesArchiveLocation(models.Model):
    """AL-4: the paper archive (纸质存储): archive room → cabinet → shelf → box, each with a barcode;
    cabinets are partitioned by document category and year."""

    _name = "sales.archive.location"
    _description = "Archive Location"
    _inherit = ["mail.thread"]
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    location_type = fields.Selection(LOCATION_TYPES, string="Type", required=True, tracking=True)
    parent_id = fields.Many2one("sales.archive.location", string="Inside", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sales.archive.location", "parent_id", string="Contains")
    barcode = fields.Char(copy=False, tracking=True)
    category = fields.Selection(
        CATEGORIES, compute="_compute_partition", store=True, readonly=False, recursive=True, tracking=True
    )
    year = fields.Integer(compute="_compute_partition", store=True, readonly=False, recursive=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _sql_constraints = [("barcode_uniq", "unique(barcode)", "Each archive location has its own barcode.")]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for location in self:
            parent = location.parent_id.complete_name
            location.complete_name = f"{parent} / {location.name}" if parent else location.name

    @api.depends("parent_id.category", "parent_id.year")
    def _compute_partition(self):
        """AL-4: shelves and boxes belong to the partition (category, year) of their cabinet."""
        for location in self:
            if location.location_type in ("shelf", "box") and location.parent_id:
                location.category = location.parent_id.category
                location.year = location.parent_id.year
            elif location.location_type == "room":
                location.category = False
                location.year = 0

    @api.constrains("location_type", "parent_id")
    def _check_tree(self):
        """AL-4: a cabinet stands in a room, a shelf in a cabinet, a box on a shelf."""
        for location in self:
            expected = PARENT_TYPE[location.location_type]
            if (location.parent_id.location_type or False) != expected:
                raise ValidationError(
                    self.env._(
                        "%(loc)s: a %(type)s must be inside a %(parent)s. Choose a location of that type.",
                        loc=location.name,
                        type=dict(self._fields["location_type"]._description_selection(self.env))[
                            location.location_type
                        ],
                        parent=dict(self._fields["location_type"]._description_selection(self.env)).get(expected)
                        or self.env._("nothing (a room is the top)"),
                    )
                )

    @api.constrains("location_type", "category", "year")
    def _check_cabinet_partition(self):
        """AL-4: the archive is partitioned by category and year at the cabinet: every cabinet has both."""
        for location in self:
            if location.location_type == "cabinet" and not (location.category and location.year):
                raise ValidationError(
                    self.env._(
                        "Cabinet %(loc)s holds one partition of the archive: set its category and year.",
                        loc=location.name,
                    )
                )
