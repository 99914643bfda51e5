# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dispatch_inspection_required = fields.Boolean(
        string="Inspection Before Shipment",
        help="Deliveries of this product are validated only after a quality inspector signed the quality inspection "
        "report on the delivery.",
    )
