# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .sales_gate_pass import REJECT_REASONS


class SalesGateCheck(models.Model):
    """DG-7: one attempt at the gate: a pass (or a number) presented, released or rejected.

    The log is written by the gate guard's screen (``sales.gate.pass.gate_*``) and never changed.
    """

    _name = "sales.gate.check"
    _description = "Gate Check"
    _order = "check_date desc, id desc"
    _rec_name = "scanned_number"

    pass_id = fields.Many2one("sales.gate.pass", string="Gate Pass", readonly=True, index=True, ondelete="restrict")
    scanned_number = fields.Char(string="Number Presented", readonly=True)
    scan_method = fields.Selection(
        [("qr", "QR Code"), ("typed", "Typed Number")],
        string="Read From",
        readonly=True,
        help="A typed number carries no signature: only the vehicle plate vouches for it.",
    )
    plate_seen = fields.Char(string="Vehicle Seen", readonly=True, help="The plate the guard read on the vehicle.")
    pass_plate = fields.Char(related="pass_id.vehicle_plate", string="Vehicle on Pass")
    guard_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user, index=True
    )
    check_date = fields.Datetime(string="Checked On", required=True, readonly=True, default=fields.Datetime.now)
    result = fields.Selection(
        [("released", "Released"), ("rejected", "Rejected")], required=True, readonly=True, index=True
    )
    reason = fields.Selection(REJECT_REASONS, readonly=True)
    note = fields.Text(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        # The guard behind the screen, not a value sent by the client.
        for vals in vals_list:
            vals["guard_id"] = self.env.uid
            vals["check_date"] = fields.Datetime.now()
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(self.env._("Gate checks are a log: they are never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Gate checks are a log: they are never deleted."))
