# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesPriceCommitteeAgendaItem(models.Model):
    """PC-6: one point of a committee session and the decision taken on it."""

    _name = "sales.price.committee.agenda.item"
    _description = "Price Committee Agenda Item"
    _inherit = ["mail.thread"]
    _order = "session_id, sequence, id"

    session_id = fields.Many2one("sales.price.committee.session", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Subject", required=True)
    kind = fields.Selection(
        selection=[
            ("adjustment", "Base price adjustment"),
            ("new_product", "New product past the volume threshold"),
            ("authority", "Price authority table"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    adjustment_id = fields.Many2one("sales.price.adjustment", index=True)
    pricing_id = fields.Many2one("sales.new.product.pricing", string="New-Product Pricing", index=True)
    authority_id = fields.Many2one("sales.price.authority", string="Authority Table", index=True)
    decision = fields.Selection(
        selection=[
            ("pending", "To Decide"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("deferred", "Deferred"),
        ],
        default="pending",
        required=True,
        tracking=True,
    )
    decision_note = fields.Text(string="Decision Details", tracking=True)
