# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero, format_amount, format_datetime, format_list

from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

WAREHOUSE_GROUP = "sales_doc_control.group_sales_warehouse_keeper"
QUALITY_GROUP = "sales_doc_control.group_sales_quality_inspector"
FINANCE_GROUP = "sales_doc_control.group_sales_finance_reviewer"
OVERRIDE_GROUP = "sales_dispatch_gate.group_dispatch_credit_override"
LOGISTICS_STATUSES = [
    ("in_transit", "In Transit"),
    ("delayed", "Delayed"),
    ("damaged", "Damaged"),
    ("delivered", "Delivered"),
]
# signatures, the override, the notices shipped under and the report mark are set by the buttons and the
# validation (sudo, once the role is checked); a user's write or create that sets them is refused.
WORKFLOW_FIELDS = {
    "dispatch_notice_ids",
    "dispatch_inspection_signed_by_id",
    "dispatch_inspection_signed_date",
    "dispatch_override_by_id",
    "dispatch_override_date",
    "dispatch_override_reason",
    "dispatch_keeper_id",
    "dispatch_keeper_date",
    "dispatch_carrier_date",
    "dispatch_reported_date",
}


class StockPicking(models.Model):
    """DG-5/DG-6/DG-9: the delivery of a sale order, guarded by the approved dispatch notices.

    The validated outgoing delivery is the delivery note (送货单) of the document register.
    """

    _name = "stock.picking"
    _inherit = ["stock.picking", "sales.document.mixin"]

    dispatch_guarded = fields.Boolean(
        string="Guarded by Dispatch Notices",
        compute="_compute_dispatch_guarded",
        help="An outgoing delivery of a sale order in a company whose dispatch notices control shipments.",
    )
    dispatch_notice_ids = fields.Many2many(
        "sales.dispatch.notice",
        "stock_picking_dispatch_notice_rel",
        "picking_id",
        "notice_id",
        string="Dispatch Notices",
        readonly=True,
        copy=False,
        help="The approved dispatch notices this delivery was shipped under.",
    )
    dispatch_gate_pass_ids = fields.One2many("sales.gate.pass", "picking_id", string="Gate Passes")

    # DG-5: quality inspection report (质量检验报告).
    dispatch_inspection_required = fields.Boolean(
        string="Inspection Required",
        compute="_compute_dispatch_inspection_required",
        help="A product of this delivery is flagged for inspection before shipment.",
    )
    dispatch_inspection_report_ids = fields.Many2many(
        "ir.attachment",
        "stock_picking_inspection_report_rel",
        "picking_id",
        "attachment_id",
        string="Quality Inspection Report",
        copy=False,
    )
    dispatch_inspection_signed_by_id = fields.Many2one(
        "res.users", string="Inspection Signed By", readonly=True, copy=False, tracking=True
    )
    dispatch_inspection_signed_date = fields.Datetime(string="Inspection Signed On", readonly=True, copy=False)

    # DG-5: credit override at validation.
    dispatch_override_by_id = fields.Many2one(
        "res.users", string="Credit Override By", readonly=True, copy=False, tracking=True
    )
    dispatch_override_date = fields.Datetime(string="Credit Override On", readonly=True, copy=False)
    dispatch_override_reason = fields.Text(string="Credit Override Reason", readonly=True, copy=False)

    # DG-6: signatures of the delivery note and the freight voucher.
    dispatch_keeper_id = fields.Many2one(
        "res.users", string="Confirmed by Warehouse Keeper", readonly=True, copy=False, tracking=True
    )
    dispatch_keeper_date = fields.Datetime(string="Warehouse Keeper Confirmed On", readonly=True, copy=False)
    dispatch_carrier_signer = fields.Char(
        string="Carrier Signer", copy=False, tracking=True, help="Name of the carrier's driver or agent who signs."
    )
    dispatch_carrier_date = fields.Datetime(string="Carrier Confirmed On", readonly=True, copy=False)
    dispatch_freight_amount = fields.Monetary(
        string="Freight Amount", copy=False, currency_field="dispatch_currency_id", tracking=True
    )
    dispatch_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")

    # DG-9: logistics tracking.
    logistics_carrier_id = fields.Many2one("res.partner", copy=False, tracking=True)
    logistics_tracking_ref = fields.Char(string="Tracking Number", copy=False, tracking=True)
    logistics_event_ids = fields.One2many("sales.logistics.event", "picking_id", string="Logistics History")
    logistics_status = fields.Selection(
        LOGISTICS_STATUSES,
        compute="_compute_logistics_status",
        store=True,
        tracking=True,
    )
    delivery_receipt_ids = fields.One2many("sales.delivery.receipt", "picking_id", string="Delivery Receipts")
    dispatch_reported_date = fields.Datetime(
        string="Reported to Finance and Sales On",
        readonly=True,
        copy=False,
        help="When the hourly shipment report told finance and the salesperson of this delivery.",
    )

    @api.depends("picking_type_code", "sale_id", "company_id.dispatch_control")
    def _compute_dispatch_guarded(self):
        for picking in self:
            picking.dispatch_guarded = picking._dispatch_is_guarded()

    @api.depends("move_ids.product_id.dispatch_inspection_required")
    def _compute_dispatch_inspection_required(self):
        for picking in self:
            picking.dispatch_inspection_required = any(
                picking.move_ids.product_id.mapped("dispatch_inspection_required")
            )

    @api.depends("logistics_event_ids.status", "logistics_event_ids.date")
    def _compute_logistics_status(self):
        for picking in self:
            last = picking.logistics_event_ids.sorted(lambda e: (e.date, e.id))[-1:]
            picking.logistics_status = last.status

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        return super().write(vals)

    def _dispatch_is_guarded(self):
        """DG-5: only outgoing deliveries of sale orders are guarded; returns and internal transfers are not."""
        self.ensure_one()
        return bool(self.picking_type_code == "outgoing" and self.sale_id and self.company_id.dispatch_control)

    # Document register (DG-6) ----------------------------------------------------

    @api.model
    def _sales_existing_documents_domain(self):
        return [("picking_type_code", "=", "outgoing"), ("state", "=", "done"), ("sale_id", "!=", False)]

    def _sales_document_type_code(self):
        if self.state == "done" and self.picking_type_code == "outgoing" and self.sale_id:
            return "delivery_note"
        return False

    def _sales_document_values(self):
        values = super()._sales_document_values()
        if self.date_done:
            # The delivery note is dated the day the goods left.
            values["date"] = fields.Date.context_today(self, self.date_done)
        return values

    def _sales_retention_trigger_dates(self):
        dates = super()._sales_retention_trigger_dates()
        for picking in self.filtered(lambda p: p.date_done and p._sales_document_type_code()):
            dates.setdefault(picking.id, {})["shipped"] = picking.date_done.date()
        return dates

    # Validation (DG-5) -----------------------------------------------------------

    def _action_done(self):
        """DG-5: guard the delivery, ship it, then account for it on the notices and issue the gate pass."""
        guarded = self.filtered(lambda p: p._dispatch_is_guarded())
        allocation = guarded._dispatch_check_before_done() if guarded else {}
        res = super()._action_done()
        if allocation:
            # Stock sets done exactly the picked moves the allocation was made for (the rest goes to backorders).
            guarded._dispatch_after_done(allocation)
        return res

    @api.model
    def _dispatch_quantities(self, moves):
        """{sale line: quantity in the order line's unit} of the given delivery moves."""
        quantities = defaultdict(float)
        for move in moves:
            # DC-9: the warehouse keeper ships the products and quantities of the lines, and is told the
            # order's number, whatever the confidentiality of the order hides from him.
            line = move.sale_line_id.sudo()
            if not line:
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s ships %(product)s, which is not on sale order %(order)s and therefore on "
                        "no dispatch notice. Remove it from the delivery or add it to the order and a dispatch notice.",
                        picking=move.picking_id.name,
                        product=move.product_id.display_name,
                        order=move.picking_id.sale_id.sudo().name,
                    )
                )
            quantities[line] += move.product_uom._compute_quantity(move.quantity, line.product_uom)
        return quantities

    def _dispatch_allocate(self, moves_by_picking):
        """DG-5: allocate the quantities of each delivery to approved notice lines, oldest notice first.

        ``moves_by_picking`` is {picking: moves to ship}. Returns {picking: {notice line: quantity}};
        raises when the approved notices do not cover a quantity, naming what is missing.
        """
        sale_lines = self.env["sale.order.line"]
        for moves in moves_by_picking.values():
            sale_lines |= moves.sale_line_id
        # Read together what the quantities need, not per delivery.
        sale_lines.sudo().fetch(["product_uom", "product_id", "order_id"])
        notice_lines = (
            self.env["sales.dispatch.notice.line"]
            .search([("sale_line_id", "in", sale_lines.ids), ("state", "=", "approved")])
            .sorted(lambda line: (line.notice_id.approved_date, line.notice_id.id, line.id))
        )
        available = {line: line.product_uom_qty - line.qty_shipped for line in notice_lines}
        by_sale_line = notice_lines.grouped("sale_line_id")
        allocation = {}
        for picking, moves in moves_by_picking.items():
            plan = allocation[picking] = defaultdict(float)
            for sale_line, needed in self._dispatch_quantities(moves).items():
                rounding = sale_line.product_uom.rounding
                for line in by_sale_line.get(sale_line, []):
                    if float_is_zero(needed, precision_rounding=rounding):
                        break
                    take = min(needed, available[line])
                    if float_compare(take, 0.0, precision_rounding=rounding) > 0:
                        plan[line] += take
                        available[line] -= take
                        needed -= take
                if float_compare(needed, 0.0, precision_rounding=rounding) > 0:
                    picking._dispatch_raise_uncovered(sale_line, needed)
        return allocation

    def _dispatch_raise_uncovered(self, sale_line, missing):
        self.ensure_one()
        pending = (
            self.env["sales.dispatch.notice.line"]
            .search([("sale_line_id", "=", sale_line.id), ("state", "in", ("draft", "finance", "reviewed"))])
            .notice_id
        )
        values = {
            "picking": self.name,
            "qty": missing,
            "uom": sale_line.product_uom.name,
            "product": sale_line.product_id.display_name,
            "order": sale_line.order_id.name,
        }
        if pending:
            labels = dict(pending._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Delivery %(picking)s cannot ship %(qty)s %(uom)s of %(product)s (order %(order)s): "
                    "dispatch notice %(notices)s is not approved yet (%(state)s). Ask the salesperson to have it "
                    "approved, or ship less.",
                    notices=format_list(self.env, pending.mapped("name")),
                    state=labels[pending[0].state],
                    **values,
                )
            )
        raise UserError(
            self.env._(
                "Delivery %(picking)s cannot ship %(qty)s %(uom)s of %(product)s (order %(order)s): no approved "
                "dispatch notice covers this quantity. Ask the salesperson for a dispatch notice and its "
                "approval, or ship less.",
                **values,
            )
        )

    @api.model
    def _dispatch_moves_to_ship(self, picking):
        # The moves stock's own _action_done will set done: picked, with a quantity.
        return picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel") and m.picked and m.quantity > 0)

    def _dispatch_check_before_done(self):
        """DG-5: inspection signed, quantities covered by approved notices, vehicle known, credit re-checked.

        Returns the allocation of the deliveries' quantities to the notice lines (see ``_dispatch_allocate``).
        """
        moves_by_picking = {}
        for picking in self:
            moves = self._dispatch_moves_to_ship(picking)
            if moves:
                picking._dispatch_check_inspection(moves)
                moves_by_picking[picking] = moves
        if not moves_by_picking:
            return {}
        allocation = self._dispatch_allocate(moves_by_picking)
        notices = self.env["sales.dispatch.notice"]
        for picking, plan in allocation.items():
            main = picking._dispatch_main_notice(plan)
            if not (main.vehicle_plate or "").strip():
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s: dispatch notice %(notice)s names no vehicle plate, which the gate pass "
                        "needs. Ask the salesperson to record the carrier's vehicle on a dispatch notice.",
                        picking=picking.name,
                        notice=main.name,
                    )
                )
            notices |= self._dispatch_plan_notices(plan)
        # The same lock as the approvals: the exposure read below cannot change until this delivery commits.
        notices.commercial_partner_id._credit_lock()
        growth = self._dispatch_credit_growth(notices)
        for picking, plan in allocation.items():
            for notice in self._dispatch_plan_notices(plan):
                picking._dispatch_check_credit_growth(notice, *growth[notice])
        return allocation

    def _dispatch_check_inspection(self, moves):
        """DG-5: flagged products leave only after Quality signed the inspection report."""
        self.ensure_one()
        flagged = moves.product_id.filtered("dispatch_inspection_required")
        if flagged and not self.dispatch_inspection_signed_by_id:
            raise UserError(
                self.env._(
                    "Delivery %(picking)s contains %(products)s, which must be inspected before shipment: attach the "
                    "quality inspection report and ask a quality inspector to sign it.",
                    picking=self.name,
                    products=format_list(self.env, flagged.mapped("display_name")),
                )
            )

    @api.model
    def _dispatch_plan_notices(self, plan):
        return self.env["sales.dispatch.notice.line"].concat(*plan).notice_id

    @api.model
    def _dispatch_main_notice(self, plan):
        """The notice that covers most of a delivery (the gate pass carries its vehicle)."""
        totals = defaultdict(float)
        for line, qty in plan.items():
            totals[line.notice_id] += qty
        return max(totals, key=lambda notice: (totals[notice], -notice.id))

    @api.model
    def _dispatch_credit_growth(self, notices):
        """DG-5: {notice: (exposure now that no approval has seen, the ceiling the notice's approval allows)}.

        The exposure without the notice is corrected by what approvals already covered: the notice's
        own shipped part (now shipped or invoiced), and the notices of the customer approved after it
        (their approval counted this notice already). One exposure read and one search per customer,
        however many notices a validation ships.
        """
        result = {}
        groups = notices.grouped(lambda notice: (notice.company_id, notice.commercial_partner_id))
        for (company, customer), group in groups.items():
            # The exposure without any notice of the group; each notice then adds back the others.
            base = (
                customer.with_company(company)
                .with_context(dispatch_exclude_notice_ids=group.ids)
                ._get_credit_exposure()["total"]
            )
            unshipped = {
                notice: sum(
                    line.price_unit_company * max(line.product_uom_qty - line.qty_shipped, 0.0)
                    for line in notice.line_ids
                )
                for notice in group
            }
            approved = self.env["sales.dispatch.notice"].search(
                [
                    ("commercial_partner_id", "=", customer.id),
                    ("company_id", "=", company.id),
                    ("state", "in", ("approved", "done")),
                    ("approved_date", ">=", min(group.mapped("approved_date"))),
                ]
            )
            for notice in group:
                others = sum(amount for other, amount in unshipped.items() if other != notice)
                # Approvals in the same second are ordered by notice, as the allocation orders them.
                later = approved.filtered(
                    lambda other, notice=notice: (other.approved_date, other.id) > (notice.approved_date, notice.id)
                )
                own_shipped = sum(line.qty_shipped * line.price_unit_company for line in notice.line_ids)
                exposure = base + others - own_shipped - sum(later.mapped("amount_total"))
                ceiling = notice.approved_exposure * (1 + company.dispatch_credit_tolerance / 100.0)
                result[notice] = (exposure, ceiling)
        return result

    def _dispatch_check_credit_growth(self, notice, exposure, ceiling):
        """DG-5: credit re-check at validation: growth beyond the tolerance needs a logged override."""
        self.ensure_one()
        currency = notice.company_id.currency_id
        if currency.compare_amounts(exposure, ceiling) <= 0:
            return
        if self.dispatch_override_by_id:
            self.message_post(
                body=self.env._(
                    "Validated under the credit override of %(user)s: exposure %(exposure)s against %(ceiling)s "
                    "allowed by dispatch notice %(notice)s. Reason: %(reason)s",
                    user=self.dispatch_override_by_id.name,
                    exposure=format_amount(self.env, exposure, currency),
                    ceiling=format_amount(self.env, ceiling, currency),
                    notice=notice.name,
                    reason=self.dispatch_override_reason,
                )
            )
            return
        raise UserError(
            self.env._(
                "Delivery %(picking)s: the exposure of %(customer)s grew from %(approved)s to %(exposure)s since "
                "dispatch notice %(notice)s was approved, beyond the tolerance of %(tolerance)s%%. The delivery "
                "needs a fresh approval: ask a member of 'Dispatch Credit Override' (the general manager) to "
                "override the credit re-check with a reason, or have a new dispatch notice approved.",
                picking=self.name,
                customer=notice.commercial_partner_id.display_name,
                approved=format_amount(self.env, notice.approved_exposure, currency),
                exposure=format_amount(self.env, exposure, currency),
                notice=notice.name,
                tolerance=notice.company_id.dispatch_credit_tolerance,
            )
        )

    def _dispatch_after_done(self, allocation):
        """DG-5: count the shipped quantities on the notices, issue the gate passes, register the notes.

        ``allocation`` is what ``_dispatch_check_before_done`` allocated. Set-based for the deliveries of
        one validation (X-7). Finance and the salesperson hear of the shipments from the hourly report
        (``_cron_dispatch_report_shipments``).
        """
        shipped = defaultdict(float)
        passes = []
        notices = self.env["sales.dispatch.notice"]
        links = defaultdict(lambda: self.browse())
        # The links are added to what each delivery has: read it for all of them at once.
        self.browse([picking.id for picking in allocation]).fetch(["dispatch_notice_ids", "logistics_carrier_id"])
        for picking, plan in allocation.items():
            for line, qty in plan.items():
                shipped[line] += qty
            picking_notices = self._dispatch_plan_notices(plan)
            notices |= picking_notices
            main = self._dispatch_main_notice(plan)
            passes.append((picking, main))
            carrier = main.carrier_id if not picking.logistics_carrier_id else main.carrier_id.browse()
            links[picking_notices, carrier] |= picking
        for (picking_notices, carrier), pickings in links.items():
            values = {"dispatch_notice_ids": [fields.Command.link(notice.id) for notice in picking_notices]}
            if carrier:
                values["logistics_carrier_id"] = carrier.id
            # the validation itself links the notices (the warehouse keeper cannot); deliveries that
            # change alike are written together.
            pickings.sudo().write(values)
        for line, qty in shipped.items():
            # counted by the validation, not typed by the warehouse keeper.
            line.sudo().qty_shipped += qty
        finished = notices.filtered(
            lambda n: n.state == "approved"
            and all(
                float_compare(line.qty_shipped, line.product_uom_qty, precision_rounding=line.product_uom.rounding) >= 0
                for line in n.line_ids
            )
        )
        shipped_pickings = self.browse([picking.id for picking in allocation])
        if not shipped_pickings:
            return
        # One validation sets one date_done on all its deliveries.
        when = min(shipped_pickings.mapped("date_done"))
        (notices.filtered(lambda n: not n.shipped_date) | finished)._dispatch_record_shipment(when, finished)
        # The orders' timeline (DC-7), one create for all: written by the system, like _sales_record_event.
        self.env["sales.order.event"].sudo().create(
            [
                {"order_id": picking.sale_id.id, "event": "shipped", "note": picking.name, "date": picking.date_done}
                for picking in shipped_pickings
            ]
        )
        self.env["sales.gate.pass"]._sales_issue_for_pickings(passes)
        shipped_pickings._sales_register_documents()

    @api.model
    def _cron_dispatch_report_shipments(self):
        """DG-5: report the shipments not yet reported to finance and to each salesperson.

        The policy asks the warehouse to report a shipment to finance and sales the same day, or first
        thing the next working day (当日及次日一上班). The job runs every hour: one message per recipient
        lists their shipments, instead of one per delivery. Idempotent: a reported delivery is marked.
        """
        # The system reports, whoever runs the job (an administrator may run it by hand).
        pickings = self.sudo().search(
            [("state", "=", "done"), ("dispatch_notice_ids", "!=", False), ("dispatch_reported_date", "=", False)],
            order="date_done, id",
        )
        if not pickings:
            return
        finance_group = self.env.ref(FINANCE_GROUP)
        for company, company_pickings in pickings.grouped("company_id").items():
            finance = finance_group.users.filtered(
                lambda u, company=company: u.active and not u._is_superuser() and company in u.company_ids
            )
            company_pickings._dispatch_send_report(finance.partner_id)
            for salesperson, own in company_pickings.grouped(lambda p: p.dispatch_notice_ids[:1].user_id).items():
                if salesperson and salesperson.partner_id not in finance.partner_id:
                    own._dispatch_send_report(salesperson.partner_id)
        pickings.write({"dispatch_reported_date": fields.Datetime.now()})

    def _dispatch_send_report(self, partners):
        """One message to ``partners`` (in their language) listing these shipped deliveries."""
        for lang, recipients in partners.grouped("lang").items():
            pickings = self.with_context(lang=lang or self.env.lang)
            rows = Markup().join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    picking.name,
                    format_datetime(picking.env, picking.date_done, dt_format="short"),
                    picking.partner_id.commercial_partner_id.display_name,
                    picking.sale_id.name,
                    format_list(picking.env, picking.dispatch_notice_ids.mapped("name")),
                    format_list(
                        picking.env,
                        [
                            f"{move.product_id.display_name} {move.quantity:g} {move.product_uom.name}"
                            for move in picking.move_ids.filtered(lambda m: m.state == "done")
                        ],
                    ),
                    picking.dispatch_notice_ids[:1].vehicle_plate or "",
                )
                for picking in pickings
            )
            env = pickings.env
            header = Markup("<tr>%s</tr>") % Markup().join(
                Markup("<th>%s</th>") % label
                for label in (
                    env._("Delivery"),
                    env._("Shipped On"),
                    env._("Customer"),
                    env._("Order"),
                    env._("Dispatch Notices"),
                    env._("Goods"),
                    env._("Vehicle"),
                )
            )
            self.env["mail.thread"].message_notify(
                partner_ids=recipients.ids,
                subject=env._("Shipments: %(count)s deliveries left the factory", count=len(pickings)),
                body=Markup("<p>%s</p><table class='table table-sm'>%s%s</table>")
                % (env._("Shipped and not reported yet:"), header, rows),
                subtype_xmlid="mail.mt_note",
            )

    # Buttons ---------------------------------------------------------------------

    def _dispatch_check_user_group(self, group, action):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "Only %(group)s may %(action)s on deliveries. Ask one of them.",
                    group=self.env.ref(group).name,
                    action=action,
                )
            )

    def action_dispatch_sign_inspection(self):
        """DG-5: a quality inspector signs the attached quality inspection report (质量检验报告)."""
        self._dispatch_check_user_group(QUALITY_GROUP, self.env._("sign the quality inspection report"))
        for picking in self:
            if not picking.dispatch_inspection_report_ids:
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s: attach the quality inspection report before signing it.",
                        picking=picking.name,
                    )
                )
            if picking.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s is closed: its inspection can no longer be signed.", picking=picking.name
                    )
                )
        # Inspectors may read deliveries but not edit them: the signature (tracked) is the only thing they write.
        self.sudo().write(
            {"dispatch_inspection_signed_by_id": self.env.uid, "dispatch_inspection_signed_date": fields.Datetime.now()}
        )
        return True

    def action_dispatch_credit_override(self):
        """DG-5: open the override wizard (the reason is mandatory)."""
        self._dispatch_check_user_group(OVERRIDE_GROUP, self.env._("override the credit re-check"))
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Credit Re-check"),
            "res_model": "sales.dispatch.credit.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    def _dispatch_record_override(self, reason):
        """DG-5: log who let the delivery pass the credit re-check, when and why."""
        self._dispatch_check_user_group(OVERRIDE_GROUP, self.env._("override the credit re-check"))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for overriding the credit re-check."))
        for picking in self:
            if picking.state in ("done", "cancel"):
                raise UserError(
                    self.env._("Delivery %(picking)s is closed: nothing to override.", picking=picking.name)
                )
        self.check_access("write")
        # the override is recorded by this button only, once the group is checked.
        self.sudo().write(
            {
                "dispatch_override_by_id": self.env.uid,
                "dispatch_override_date": fields.Datetime.now(),
                "dispatch_override_reason": reason.strip(),
            }
        )
        for picking in self:
            picking.message_post(
                body=self.env._(
                    "Credit re-check overridden by %(user)s. Reason: %(reason)s", user=self.env.user.name, reason=reason
                )
            )

    def action_dispatch_keeper_confirm(self):
        """DG-6: the warehouse keeper signs the delivery note and the freight voucher."""
        self._dispatch_check_user_group(WAREHOUSE_GROUP, self.env._("confirm the delivery note"))
        self._dispatch_check_shipped()
        self.check_access("write")
        # the signature is recorded by this button only, once the group is checked.
        self.sudo().write({"dispatch_keeper_id": self.env.uid, "dispatch_keeper_date": fields.Datetime.now()})
        return True

    def action_dispatch_carrier_confirm(self):
        """DG-6: the carrier's signer confirms (name and time), recorded by the warehouse keeper."""
        self._dispatch_check_user_group(WAREHOUSE_GROUP, self.env._("record the carrier's confirmation"))
        self._dispatch_check_shipped()
        for picking in self:
            if not (picking.dispatch_carrier_signer or "").strip():
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s: write the name of the carrier's signer before recording the "
                        "confirmation.",
                        picking=picking.name,
                    )
                )
        self.check_access("write")
        # the confirmation time is recorded by this button only, once the group is checked.
        self.sudo().write({"dispatch_carrier_date": fields.Datetime.now()})
        return True

    def _dispatch_check_shipped(self):
        for picking in self:
            if picking.state != "done" or picking.picking_type_code != "outgoing":
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s is not a validated delivery: the delivery note is signed once the goods "
                        "are shipped.",
                        picking=picking.name,
                    )
                )

    def action_view_delivery_receipts(self):
        """DG-8: the receipts of this delivery; a new one starts from it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dispatch_gate.action_sales_delivery_receipt")
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {"default_picking_id": self.id}
        return action
