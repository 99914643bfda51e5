# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesDispatchCreditOverride(models.TransientModel):
    """DG-5: the override group lets a delivery pass the credit re-check, giving the reason."""

    _name = "sales.dispatch.credit.override"
    _description = "Dispatch Credit Override"

    picking_id = fields.Many2one("stock.picking", string="Delivery", required=True, readonly=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.picking_id._dispatch_record_override(self.reason)
        return self.picking_id.button_validate()
