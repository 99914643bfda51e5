# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sales_gate_pass import REJECT_REASONS


class SalesGateException(models.Model):
    """DG-7: the gate exceptions report: rejected checks and passes never used."""

    _name = "sales.gate.exception"
    _description = "Gate Exception"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "number"

    kind = fields.Selection(
        [("rejected", "Rejected Check"), ("never_used", "Pass Never Used")], string="Exception", readonly=True
    )
    date = fields.Datetime(readonly=True, help="When the check was rejected, or when the unused pass expired.")
    number = fields.Char(readonly=True)
    pass_id = fields.Many2one("sales.gate.pass", string="Gate Pass", readonly=True)
    vehicle_plate = fields.Char(string="Vehicle on Pass", readonly=True)
    plate_seen = fields.Char(string="Vehicle Seen", readonly=True)
    customer_name = fields.Char(readonly=True)
    notice_name = fields.Char(string="Notice Number", readonly=True)
    reason = fields.Selection(REJECT_REASONS, readonly=True)
    guard_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @property
    def _table_query(self):
        # Check ids are even and pass ids odd so that both kinds share one id space.
        return """
            SELECT chk.id * 2 AS id, 'rejected' AS kind, chk.check_date AS date, chk.scanned_number AS number,
                   chk.pass_id, gp.vehicle_plate, chk.plate_seen, gp.customer_name, gp.notice_name,
                   chk.reason, chk.guard_id, chk.company_id
              FROM sales_gate_check chk
              LEFT JOIN sales_gate_pass gp ON gp.id = chk.pass_id
             WHERE chk.result = 'rejected'
            UNION ALL
            SELECT gp.id * 2 + 1, 'never_used', gp.valid_until, gp.name, gp.id, gp.vehicle_plate, NULL,
                   gp.customer_name, gp.notice_name, NULL, NULL, gp.company_id
              FROM sales_gate_pass gp
             WHERE gp.state IN ('valid', 'hold') AND gp.valid_until < (NOW() AT TIME ZONE 'UTC')
        """
