# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sales_retention_years = fields.Integer(related="company_id.sales_retention_years", readonly=False)
    sales_access_max_days = fields.Integer(related="company_id.sales_access_max_days", readonly=False)
    sales_lending_reminder_days = fields.Integer(related="company_id.sales_lending_reminder_days", readonly=False)
    sales_lending_escalation_days = fields.Integer(related="company_id.sales_lending_escalation_days", readonly=False)
