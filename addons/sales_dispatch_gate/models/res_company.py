# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """DG-1/DG-5/DG-7: the dispatch policy of each company."""

    _inherit = "res.company"

    dispatch_control = fields.Boolean(
        string="Dispatch Notices Control Shipments",
        default=True,
        help="Deliveries of sale orders need approved dispatch notices, and only approved notices count as "
        "instructed-not-shipped credit exposure. Turn it off while the warehouse is not using notices yet.",
    )
    dispatch_credit_tolerance = fields.Float(
        string="Exposure Growth Tolerance (%)",
        default=10.0,
        help="When the customer's exposure has grown by more than this percentage since the dispatch notice was "
        "approved, the delivery needs a fresh approval before it is validated.",
    )
    dispatch_pass_validity_hours = fields.Integer(
        string="Gate Pass Validity (Hours)",
        default=24,
        help="How long a gate pass may be used after the delivery was validated.",
    )
