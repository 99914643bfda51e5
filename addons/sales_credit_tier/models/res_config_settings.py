# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_b_requires_limit = fields.Boolean(related="company_id.credit_b_requires_limit", readonly=False)
    credit_c_cash_only = fields.Boolean(related="company_id.credit_c_cash_only", readonly=False)
    credit_d_blocked = fields.Boolean(related="company_id.credit_d_blocked", readonly=False)
    credit_new_customer_amount = fields.Monetary(related="company_id.credit_new_customer_amount", readonly=False)
    credit_increase_tolerance = fields.Float(related="company_id.credit_increase_tolerance", readonly=False)
    credit_c_inactive_months = fields.Integer(related="company_id.credit_c_inactive_months", readonly=False)
    credit_d_inactive_months = fields.Integer(related="company_id.credit_d_inactive_months", readonly=False)
    credit_d_overdue_days = fields.Integer(related="company_id.credit_d_overdue_days", readonly=False)
    credit_upgrade_months = fields.Integer(related="company_id.credit_upgrade_months", readonly=False)
    credit_auto_downgrade = fields.Boolean(related="company_id.credit_auto_downgrade", readonly=False)
    credit_priority_supply = fields.Boolean(related="company_id.credit_priority_supply", readonly=False)
