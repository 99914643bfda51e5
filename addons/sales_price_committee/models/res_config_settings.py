# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sales_quotation_deadline_days = fields.Integer(related="company_id.sales_quotation_deadline_days", readonly=False)
    sales_phone_auth_days = fields.Integer(related="company_id.sales_phone_auth_days", readonly=False)
    sales_new_product_monthly_qty = fields.Float(related="company_id.sales_new_product_monthly_qty", readonly=False)
    sales_new_product_total_qty = fields.Float(related="company_id.sales_new_product_total_qty", readonly=False)
    sales_committee_interval_months = fields.Integer(
        related="company_id.sales_committee_interval_months", readonly=False
    )
    sales_committee_reminder_days = fields.Integer(related="company_id.sales_committee_reminder_days", readonly=False)
