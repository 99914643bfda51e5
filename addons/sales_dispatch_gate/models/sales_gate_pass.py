# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


class SalesGatePass(models.Model):
    """DG-7: the gate pass (出门证) the carrier hands to the gate guard when leaving the factory."""

    _name = "sales.gate.pass"
    _description = "Gate Pass"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    picking_id = fields.Many2one("stock.picking", string="Delivery", required=True, readonly=True, index=True)
    notice_id = fields.Many2one("sales.dispatch.notice", string="Dispatch Notice", readonly=True, index=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Customer")
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    vehicle_plate = fields.Char(required=True, readonly=True, tracking=True)
    driver_name = fields.Char(string="Driver", readonly=True)
    carrier_id = fields.Many2one("res.partner", string="Carrier", readonly=True)
    issue_date = fields.Datetime(string="Issued On", default=fields.Datetime.now, readonly=True, required=True)
    valid_until = fields.Datetime(readonly=True, required=True)
    state = fields.Selection(
        [("valid", "Valid"), ("released", "Released"), ("hold", "On Hold"), ("cancel", "Cancelled")],
        string="Status",
        default="valid",
        required=True,
        readonly=True,
        tracking=True,
    )

    _sql_constraints = [("name_unique", "unique(name)", "A gate pass number must be unique.")]

    @api.model
    def _sales_issue_for_pickings(self, picking_notices):
        """DG-5/DG-7: one pass per validated delivery, from its dispatch notice's vehicle and driver.

        ``picking_notices`` is a list of (stock.picking, sales.dispatch.notice) pairs; the notice
        may be empty for a delivery that does not need one.
        """
        vals_list = []
        for picking, notice in picking_notices:
            hours = picking.company_id.dispatch_pass_validity_hours
            now = fields.Datetime.now()
            vals_list.append(
                {
                    "name": self.env["ir.sequence"].with_company(picking.company_id).next_by_code("sales.gate.pass"),
                    "picking_id": picking.id,
                    "notice_id": notice.id,
                    "vehicle_plate": (notice.vehicle_plate or "").strip().upper(),
                    "driver_name": notice.driver_name,
                    "carrier_id": notice.carrier_id.id,
                    "issue_date": now,
                    "valid_until": now + timedelta(hours=hours),
                }
            )
        # Issued by the system when the warehouse validates; the warehouse keeper does not create passes by hand.
        return self.sudo().create(vals_list)
