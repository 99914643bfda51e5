# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import hmac
import secrets
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime

GUARD_GROUP = "sales_doc_control.group_sales_gate_guard"
WAREHOUSE_GROUP = "sales_doc_control.group_sales_warehouse_keeper"
# The departments that may follow a pass to its delivery, notice and customer; the gate guard is
# not among them: the pass carries its own copy of what the guard must see (DG-7).
OFFICE_GROUPS = (
    "sales_doc_control.group_sales_specialist,sales_doc_control.group_sales_assistant,"
    "sales_doc_control.group_sales_finance_reviewer,sales_doc_control.group_sales_warehouse_keeper"
)
SECRET_PARAM = "sales_dispatch_gate.gate_pass_secret"
# Separates the number from its signature in the QR payload; neither the sequence nor a hex
# token contains it, and every keyboard-wedge scanner types it.
PAYLOAD_SEPARATOR = "#"
TOKEN_LENGTH = 32
NOTICE_RELEASABLE_STATES = ("approved", "done")
REJECT_REASONS = [
    ("unknown", "Unknown Number"),
    ("forged", "Forged Code"),
    ("mismatch", "Vehicle or Goods Mismatch"),
    ("expired", "Expired"),
    ("used", "Already Used"),
    ("not_approved", "Not Approved"),
    ("hold", "On Hold"),
]


def normalize_plate(plate):
    """DG-7: a plate as the guard may type it: separators (·, -, spaces) dropped, upper case."""
    return "".join(char for char in (plate or "") if char.isalnum()).upper()


class SalesGatePass(models.Model):
    """DG-7: the gate pass (出门证) the carrier hands to the gate guard when leaving the factory."""

    _name = "sales.gate.pass"
    _description = "Gate Pass"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "issue_date desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", required=True, readonly=True, index=True, groups=OFFICE_GROUPS
    )
    notice_id = fields.Many2one(
        "sales.dispatch.notice", string="Dispatch Notice", readonly=True, index=True, groups=OFFICE_GROUPS
    )
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Customer", groups=OFFICE_GROUPS)
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True, precompute=True)
    vehicle_plate = fields.Char(required=True, readonly=True, tracking=True)
    driver_name = fields.Char(string="Driver", readonly=True)
    carrier_id = fields.Many2one("res.partner", readonly=True, groups=OFFICE_GROUPS)
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
    # What the guard sees of the delivery, copied when the pass is issued: the guard reads no
    # order, notice, customer or delivery (DG-7).
    line_ids = fields.One2many("sales.gate.pass.line", "pass_id", string="Goods", readonly=True)
    customer_name = fields.Char(readonly=True)
    carrier_name = fields.Char(readonly=True)
    order_ref = fields.Char(string="Order Reference", readonly=True)
    notice_name = fields.Char(string="Notice Number", readonly=True)
    notice_approved_by = fields.Char(readonly=True)
    notice_approved_date = fields.Datetime(string="Notice Approved On", readonly=True)
    # Follows the notice: a notice cancelled after the pass was issued stops the pass at the gate.
    notice_state = fields.Selection(related="notice_id.state", string="Notice Status", store=True, precompute=True)
    released_date = fields.Datetime(string="Released On", readonly=True, copy=False, tracking=True)
    released_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    hold_reason = fields.Text(readonly=True, copy=False, tracking=True)
    check_ids = fields.One2many("sales.gate.check", "pass_id", string="Gate Checks", readonly=True)
    age_hours = fields.Float(
        string="Age (Hours)",
        compute="_compute_age_hours",
        digits=(16, 1),
        help="Hours since the pass was issued, while it waits at the gate.",
    )
    never_used = fields.Boolean(
        compute="_compute_never_used",
        search="_search_never_used",
        help="The pass expired (or waits on hold past its validity) without the goods leaving.",
    )
    qr_payload = fields.Char(
        string="QR Content", compute="_compute_qr", groups=WAREHOUSE_GROUP, help="Number and signature."
    )
    qr_image = fields.Binary(string="QR Code", compute="_compute_qr", groups=WAREHOUSE_GROUP)

    _sql_constraints = [("name_unique", "unique(name)", "A gate pass number must be unique.")]

    # Computations --------------------------------------------------------------

    @api.depends("state", "issue_date")
    def _compute_age_hours(self):
        """DG-7: pending passes show how long they have been waiting."""
        now = fields.Datetime.now()
        for gate_pass in self:
            pending = gate_pass.state in ("valid", "hold") and gate_pass.issue_date
            gate_pass.age_hours = (now - gate_pass.issue_date).total_seconds() / 3600.0 if pending else 0.0

    @api.depends("state", "valid_until")
    def _compute_never_used(self):
        now = fields.Datetime.now()
        for gate_pass in self:
            gate_pass.never_used = gate_pass.state in ("valid", "hold") and gate_pass.valid_until < now

    def _search_never_used(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on never-used gate passes."))
        domain = [("state", "in", ("valid", "hold")), ("valid_until", "<", fields.Datetime.now())]
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    def _compute_qr(self):
        """DG-7: the QR code printed on the pass; only the warehouse, which prints passes, reads it
        (the field's groups hide it from the web client, this also covers server-side rendering)."""
        if not self.env.su and not self.env.user.has_group(WAREHOUSE_GROUP):
            raise AccessError(self.env._("Only the warehouse keeper prints gate passes and their QR codes."))
        report = self.env["ir.actions.report"]
        for gate_pass in self:
            payload = gate_pass._gate_payload()
            gate_pass.qr_payload = payload
            gate_pass.qr_image = base64.b64encode(report.barcode("QR", payload, width=300, height=300, barLevel="M"))

    # Signature (DG-7) ------------------------------------------------------------

    @api.model
    def _gate_secret(self):
        """DG-7: the per-database key of the gate pass signatures, created on first use.

        Reading and creating it is a system operation (ir.config_parameter belongs to the
        administrator); it does not stand in for the guard's rights on the passes.
        """
        params = self.env["ir.config_parameter"].sudo()
        secret = params.get_param(SECRET_PARAM)
        if not secret:
            secret = secrets.token_hex(32)
            params.set_param(SECRET_PARAM, secret)
        return secret

    def _gate_token(self, plate=None):
        """DG-7: HMAC-SHA256 of the pass id, its number and a vehicle plate (the pass's own by default)."""
        self.ensure_one()
        message = f"{self.id}:{self.name}:{normalize_plate(self.vehicle_plate if plate is None else plate)}"
        digest = hmac.new(self._gate_secret().encode(), message.encode(), hashlib.sha256).hexdigest()
        return digest[:TOKEN_LENGTH]

    def _gate_payload(self):
        """DG-7: what the QR code carries: the number and its signature."""
        self.ensure_one()
        return f"{self.name}{PAYLOAD_SEPARATOR}{self._gate_token()}"

    # Issue (DG-5/DG-7) -------------------------------------------------------------

    @api.model
    def _sales_issue_for_pickings(self, picking_notices):
        """DG-5/DG-7: one pass per validated delivery, from its dispatch notice's vehicle and driver.

        ``picking_notices`` is a list of (stock.picking, sales.dispatch.notice) pairs; the notice
        may be empty for a delivery that does not need one. The pass keeps its own copy of the
        goods (the done moves) and of the notice's approval, so that the guard needs no access to
        the delivery, the notice, the order or the customer.
        """
        vals_list = []
        sequences = {}
        now = fields.Datetime.now()
        for picking, notice in picking_notices:
            company = picking.company_id
            if company not in sequences:
                sequences[company] = self._gate_pass_sequence(company)
            hours = company.dispatch_pass_validity_hours
            # DC-9: the pass names the order for the gate whatever its confidentiality hides from the keeper.
            order = (notice.order_id or picking.sale_id).sudo()
            carrier = notice.carrier_id
            vals_list.append(
                {
                    "name": sequences[company]._next(),
                    "picking_id": picking.id,
                    "notice_id": notice.id,
                    "vehicle_plate": (notice.vehicle_plate or "").strip().upper(),
                    "driver_name": notice.driver_name,
                    "carrier_id": carrier.id,
                    "carrier_name": carrier.display_name if carrier else False,
                    "customer_name": picking.partner_id.commercial_partner_id.display_name,
                    "order_ref": order.name or picking.origin,
                    "notice_name": notice.name,
                    "notice_approved_by": notice.approved_by_id.name,
                    "notice_approved_date": notice.approved_date,
                    "issue_date": now,
                    "valid_until": now + timedelta(hours=hours),
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": move.product_id.id,
                                "product_name": move.product_id.display_name,
                                "quantity": move.quantity,
                                "uom_name": move.product_uom.name,
                            }
                        )
                        for move in picking.move_ids.filtered(lambda m: m.state == "done")
                    ],
                }
            )
        # Issued by the system when the warehouse validates; the warehouse keeper does not create passes by hand.
        # No "created" message, tracking nor follower: the pass's history is its checks (and a hold's incident).
        passes = self.sudo().with_context(tracking_disable=True).create(vals_list)
        return self.sudo().browse(passes.ids)

    @api.model
    def _gate_pass_sequence(self, company):
        """DG-7: the numbering of a company's passes, looked up once per validation rather than once per pass
        (X-7), as ``ir.sequence.next_by_code`` finds it: the company's own, else the shared one."""
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [("code", "=", "sales.gate.pass"), ("company_id", "in", [company.id, False])],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            raise UserError(
                self.env._(
                    "No numbering is defined for the gate passes of %(company)s: ask the administrator to restore the "
                    "sequence 'sales.gate.pass' (Settings > Technical > Sequences).",
                    company=company.name,
                )
            )
        return sequence

    # The gate check (DG-7) ---------------------------------------------------------

    @api.model
    def _gate_check_guard(self):
        """DG-7: only a logged-in gate guard checks passes, whatever the environment's privileges."""
        if not self.env.user.has_group(GUARD_GROUP):
            raise AccessError(
                self.env._(
                    "Only the gate guard checks gate passes at the gate. %(user)s is not a gate guard: ask the "
                    "administrator to give the account the Gate Guard role.",
                    user=self.env.user.name,
                )
            )

    @api.model
    def _gate_parse(self, payload):
        """DG-7: (number, token) from a scanned QR payload, or (number, None) for a typed number."""
        payload = (payload or "").strip()
        if PAYLOAD_SEPARATOR in payload:
            number, token = payload.rsplit(PAYLOAD_SEPARATOR, 1)
            return number.strip().upper(), token.strip().lower()
        return payload.upper(), None

    @api.model
    def _gate_find(self, number):
        """DG-7 / X-7: the pass of a number, one lookup on the unique index of the number.

        Searched with the guard's own rights: a pass of another company is an unknown number.
        """
        return self.search([("name", "=", number)], limit=1) if number else self.browse()

    def _gate_verify(self, token, plate):
        """DG-7: the reason to refuse this pass to the vehicle ``plate``, or False when it may leave.

        The signature is checked against the pass's own plate first (a forged or altered code),
        then the vehicle the guard sees against the pass (a copied number on another vehicle).
        """
        self.ensure_one()
        if token is not None and not hmac.compare_digest(token.encode(), self._gate_token().encode()):
            return "forged"
        if normalize_plate(plate) != normalize_plate(self.vehicle_plate):
            return "mismatch"
        if self.state == "released":
            return "used"
        if self.state == "hold":
            return "hold"
        if self.state == "cancel" or (self.notice_name and self.notice_state not in NOTICE_RELEASABLE_STATES):
            return "not_approved"
        if self.valid_until < fields.Datetime.now():
            return "expired"
        return False

    def _gate_lock(self):
        """DG-7 / X-6: a pass releases once: the second of two guards scanning it at once waits here,
        then fails to serialise and Odoo replays the request, which finds the pass released."""
        self.env.cr.execute("SELECT id FROM sales_gate_pass WHERE id IN %s FOR NO KEY UPDATE", [tuple(self.ids)])
        self.invalidate_recordset()

    @api.model
    def _gate_message(self, reason, gate_pass, number, plate):
        messages = {
            "unknown": self.env._(
                "No gate pass %(number)s: do not let the vehicle leave; ask the warehouse for the pass.",
                number=number,
            ),
            "forged": self.env._(
                "The code of gate pass %(number)s is not genuine: keep the vehicle and call the warehouse.",
                number=number,
            ),
            "mismatch": self.env._(
                "Gate pass %(number)s is for vehicle %(plate)s and its listed goods; the vehicle here is %(seen)s "
                "or its load differs: the shipment is on hold and the warehouse and the salesperson are informed.",
                number=number,
                plate=gate_pass.vehicle_plate,
                seen=plate or "-",
            ),
            "expired": self.env._(
                "Gate pass %(number)s expired on %(date)s: the warehouse must issue a new pass.",
                number=number,
                date=format_datetime(self.env, gate_pass.valid_until),
            ),
            "used": self.env._(
                "Gate pass %(number)s was already used on %(date)s: a pass lets goods out once.",
                number=number,
                date=format_datetime(self.env, gate_pass.released_date),
            ),
            "not_approved": self.env._(
                "The dispatch notice of gate pass %(number)s is not approved (or the pass was cancelled): the goods "
                "may not leave; ask the sales manager.",
                number=number,
            ),
            "hold": self.env._(
                "Gate pass %(number)s is on hold: the warehouse must clear it before the goods leave.",
                number=number,
            ),
        }
        return messages[reason]

    @api.model
    def _gate_log(self, gate_pass, number, token, plate, result, reason=False, note=False):
        """DG-7: every attempt at the gate is logged, by the guard."""
        return self.env["sales.gate.check"].create(
            {
                "pass_id": gate_pass.id,
                "scanned_number": number,
                "scan_method": "typed" if token is None else "qr",
                "plate_seen": plate,
                "result": result,
                "reason": reason,
                "note": note,
                "company_id": (gate_pass.company_id or self.env.company).id,
            }
        )

    def _gate_summary(self):
        """DG-7: what the guard screen shows of a pass and its approved notice."""
        self.ensure_one()
        return {
            "id": self.id,
            "number": self.name,
            "state": self.state,
            "state_label": dict(self._fields["state"]._description_selection(self.env))[self.state],
            "vehicle_plate": self.vehicle_plate,
            "driver_name": self.driver_name or "",
            "carrier_name": self.carrier_name or "",
            "customer_name": self.customer_name or "",
            "order_ref": self.order_ref or "",
            "notice_name": self.notice_name or "",
            "notice_approved_by": self.notice_approved_by or "",
            "notice_approved_date": format_datetime(self.env, self.notice_approved_date) or "",
            "valid_until": format_datetime(self.env, self.valid_until),
            "age_hours": round(self.age_hours, 1),
            "lines": [
                {"product": line.product_name, "quantity": line.quantity, "uom": line.uom_name or ""}
                for line in self.line_ids
            ],
        }

    @api.model
    def _gate_refuse(self, gate_pass, number, token, plate, reason, note=False):
        """DG-7: log the refusal; a mismatch also stops the shipment and opens the incident."""
        check = self._gate_log(gate_pass, number, token, plate, "rejected", reason, note)
        if reason == "mismatch":
            gate_pass._gate_hold(check)
        return {
            "ok": False,
            "reason": reason,
            "reason_label": dict(REJECT_REASONS)[reason],
            "message": self._gate_message(reason, gate_pass, number, plate),
            "pass": gate_pass._gate_summary() if gate_pass else False,
        }

    @api.model
    def gate_lookup(self, payload, plate):
        """DG-7: the guard scans a pass (QR payload) or types its number, and types the vehicle's plate.

        Returns the pass and its notice summary when the goods may leave; otherwise logs the
        rejected check with its reason and returns the reason.
        """
        self._gate_check_guard()
        number, token = self._gate_parse(payload)
        gate_pass = self._gate_find(number)
        reason = gate_pass._gate_verify(token, plate) if gate_pass else "unknown"
        if reason:
            return self._gate_refuse(gate_pass, number, token, plate, reason)
        return {"ok": True, "reason": False, "message": False, "pass": gate_pass._gate_summary()}

    @api.model
    def gate_release(self, payload, plate):
        """DG-7: the guard lets the goods out: verified again under the pass's lock, released once."""
        self._gate_check_guard()
        number, token = self._gate_parse(payload)
        gate_pass = self._gate_find(number)
        if not gate_pass:
            return self._gate_refuse(gate_pass, number, token, plate, "unknown")
        gate_pass._gate_lock()
        reason = gate_pass._gate_verify(token, plate)
        if reason:
            return self._gate_refuse(gate_pass, number, token, plate, reason)
        check = self._gate_log(gate_pass, number, token, plate, "released")
        # The guard has read-only access to passes (a guard must not edit one); the release is
        # written here, after the guard's own checks above, on the guard's behalf.
        gate_pass.sudo().write({"state": "released", "released_date": check.check_date, "released_by_id": self.env.uid})
        return {
            "ok": True,
            "released": True,
            "message": self.env._("Gate pass %(number)s released: the goods may leave.", number=gate_pass.name),
            "pass": gate_pass._gate_summary(),
        }

    @api.model
    def gate_reject(self, payload, plate, reason, note=False):
        """DG-7: the guard refuses a pass with a reason (e.g. the goods on the truck are not the pass's)."""
        self._gate_check_guard()
        if reason not in dict(REJECT_REASONS):
            raise UserError(self.env._("Choose why the gate pass is rejected."))
        number, token = self._gate_parse(payload)
        gate_pass = self._gate_find(number)
        if gate_pass:
            gate_pass._gate_lock()
        return self._gate_refuse(gate_pass, number, token, plate, reason if gate_pass else "unknown", note)

    def _gate_hold(self, check):
        """DG-7: a mismatch at the gate puts the shipment on hold and opens an incident for the
        warehouse keepers and the salesperson."""
        self.ensure_one()
        summary = self.env._("Gate incident: gate pass %(number)s refused (mismatch)", number=self.name)
        note = self.env._(
            "At %(date)s the gate guard %(guard)s refused gate pass %(number)s of vehicle %(plate)s: the vehicle "
            "seen was %(seen)s. %(note)s The shipment is on hold: check the goods and the vehicle, then clear the "
            "hold or cancel the pass.",
            date=format_datetime(self.env, check.check_date),
            guard=self.env.user.name,
            number=self.name,
            plate=self.vehicle_plate,
            seen=check.plate_seen or "-",
            note=check.note or "",
        )
        # The guard may neither edit passes nor see the salesperson or the warehouse staff: the hold
        # and the incident are written by the system once the guard's check found the mismatch.
        system_pass = self.sudo()
        if self.state == "valid":
            system_pass.write({"state": "hold", "hold_reason": note})
        salesperson = system_pass.notice_id.user_id or system_pass.picking_id.sale_id.user_id
        keepers = self.env.ref(WAREHOUSE_GROUP).users.filtered(
            lambda u: u.active and not u._is_superuser() and system_pass.company_id in u.company_ids
        )
        for user in keepers | salesperson:
            system_pass.activity_schedule(
                "mail.mail_activity_data_warning", user_id=user.id, summary=summary, note=note
            )

    def action_clear_hold(self):
        """DG-7: the warehouse keeper has checked the goods and the vehicle: the pass may be used again."""
        if not self.env.user.has_group(WAREHOUSE_GROUP):
            raise AccessError(self.env._("Only the warehouse keeper clears a gate pass on hold."))
        for gate_pass in self:
            if gate_pass.state != "hold":
                raise UserError(self.env._("Gate pass %(number)s is not on hold.", number=gate_pass.name))
        # Passes are written by the gate workflow only; the keeper's right is checked above.
        self.sudo().write({"state": "valid", "hold_reason": False})
        self.sudo().activity_feedback(["mail.mail_activity_data_warning"])

    def action_cancel(self):
        """DG-7: the warehouse keeper withdraws a pass that was not used (a new one is issued if needed)."""
        if not self.env.user.has_group(WAREHOUSE_GROUP):
            raise AccessError(self.env._("Only the warehouse keeper cancels a gate pass."))
        for gate_pass in self:
            if gate_pass.state == "released":
                raise UserError(
                    self.env._("Gate pass %(number)s was used and is kept as it is.", number=gate_pass.name)
                )
        # Passes are written by the gate workflow only; the keeper's right is checked above.
        self.sudo().write({"state": "cancel"})
        self.sudo().activity_feedback(["mail.mail_activity_data_warning"])

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """X-6: passes are kept. mail.thread's unlink has deleted the chatter by the time this runs,
        but in the same transaction, which this error rolls back."""
        raise UserError(self.env._("Gate passes are kept: cancel a pass instead of deleting it."))
