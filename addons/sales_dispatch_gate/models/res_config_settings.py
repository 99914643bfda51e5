# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dispatch_control = fields.Boolean(related="company_id.dispatch_control", readonly=False)
    dispatch_credit_tolerance = fields.Float(related="company_id.dispatch_credit_tolerance", readonly=False)
    dispatch_pass_validity_hours = fields.Integer(related="company_id.dispatch_pass_validity_hours", readonly=False)
