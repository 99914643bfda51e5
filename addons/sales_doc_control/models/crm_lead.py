# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .res_partner import SOURCE_CHANNELS


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sales_source_channel = fields.Selection(SOURCE_CHANNELS, string="Information Source", tracking=True)
    sales_need_ids = fields.One2many("sales.customer.need", "lead_id", string="Needs")

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        """DC-10: the customer created from a lead keeps where the information came from."""
        values = super()._prepare_customer_values(partner_name, is_company=is_company, parent_id=parent_id)
        values["sales_source_channel"] = self.sales_source_channel
        return values

    def _handle_partner_assignment(self, force_partner_id=False, create_missing=True):
        res = super()._handle_partner_assignment(force_partner_id=force_partner_id, create_missing=create_missing)
        for lead in self.filtered("partner_id"):
            lead.sales_need_ids.filtered(lambda need: not need.partner_id).partner_id = lead.partner_id
        return res
