# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SENSITIVE = ("confidential", "secret")
LOCKED_FIELDS = {"requester_id", "purpose", "document_ids", "date_from", "date_to"}


class SalesAccessRequest(models.Model):
    """AL-5: request to read sales documents (销售文件查阅申请表) for a time window.

    Approved by the requester's department head, then the head of the sales department, then the
    general manager when a listed document is confidential or secret (tier definitions shipped as
    data). While its window lasts the requester reads exactly the listed documents.
    """

    _name = "sales.access.request"
    _description = "Document Access Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "draft"
    _sales_tier_rejected_state = "rejected"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    requester_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    department_head_ids = fields.Many2many(
        "res.users",
        compute="_compute_department_head_ids",
        help="The requester's superior or, without one, the supervisors of the requester's department. "
        "They approve the first step.",
    )
    purpose = fields.Text(required=True, tracking=True)
    document_ids = fields.Many2many(
        "sales.document",
        "sales_access_request_document_rel",
        string="Documents",
        required=True,
        domain="[('record_deleted', '=', False)]",
    )
    date_from = fields.Datetime(string="From", required=True, default=fields.Datetime.now, tracking=True)
    date_to = fields.Datetime(string="Until", required=True, tracking=True)
    needs_general_manager = fields.Boolean(
        compute="_compute_needs_general_manager",
        store=True,
        help="A listed document is confidential or secret: the general manager approves too.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("expired", "Window Ended"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    access_active = fields.Boolean(string="Access Open", compute="_compute_access_active")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.depends("document_ids.confidentiality")
    def _compute_needs_general_manager(self):
        for request in self:
            # The approval route depends on every listed document, including those the person
            # editing the request may not read.
            levels = request.sudo().document_ids.mapped("confidentiality")
            request.needs_general_manager = any(level in SENSITIVE for level in levels)

    @api.depends("requester_id.sales_superior_id")
    def _compute_department_head_ids(self):
        """AL-5: the first approver is the requester's own department head."""
        for request in self:
            request.department_head_ids = request.requester_id._sales_department_heads()

    @api.depends("state", "date_from", "date_to")
    def _compute_access_active(self):
        now = fields.Datetime.now()
        for request in self:
            request.access_active = request.state == "approved" and request.date_from <= now < request.date_to

    @api.constrains("date_from", "date_to")
    def _check_window(self):
        """AL-5: the window has an end, after its start, and is no longer than the company allows."""
        for request in self:
            if request.date_to <= request.date_from:
                raise ValidationError(
                    self.env._(
                        "Access request %(ref)s ends before it starts: set an end after the start.", ref=request.name
                    )
                )
            longest = request.company_id.sales_access_max_days
            if request.date_to > request.date_from + relativedelta(days=longest):
                raise ValidationError(
                    self.env._(
                        "Access request %(ref)s is longer than %(days)s days: shorten the window or ask for a "
                        "new request when it ends.",
                        ref=request.name,
                        days=longest,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.access.request") or "/"
        return super().create(vals_list)

    def _get_to_validate_message_name(self):
        return self.env._("Document Access Request")

    def action_submit(self):
        """AL-5: send the request to its approvers."""
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._("Access request %(ref)s is not a draft: it cannot be submitted.", ref=request.name)
                )
            if request.requester_id != self.env.user and not self.env.user.has_group(
                "sales_doc_control.group_sales_archivist"
            ):
                raise UserError(
                    self.env._(
                        "Access request %(ref)s is submitted by its requester %(user)s or by the archivist.",
                        ref=request.name,
                        user=request.requester_id.name,
                    )
                )
            if not request.department_head_ids:
                raise UserError(
                    self.env._(
                        "Access request %(ref)s: %(user)s has no department head to approve it. Ask the "
                        "administrator to set %(user)s's superior (Settings → Users, tab Sales Control, Superior).",
                        ref=request.name,
                        user=request.requester_id.name,
                    )
                )
        self.request_validation()

    def action_approve(self):
        """AL-5: once every tier approved it, the requester reads the documents during the window."""
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("Access request %(ref)s is not a draft any more.", ref=request.name))
        self.write({"state": "approved"})
        self._sales_sync_access()

    def action_cancel(self):
        """AL-5: cancelling an approved request closes the access at once."""
        for request in self:
            if request.state in ("expired", "rejected"):
                raise UserError(
                    self.env._("Access request %(ref)s is closed and cannot be cancelled.", ref=request.name)
                )
        self.write({"state": "cancel"})
        self._sales_sync_access()

    def _sales_tier_approved(self):
        # The last approval opens the access.
        self.action_approve()

    def write(self, vals):
        """X-6: an approved or closed request is never silently changed: its documents and window stay."""
        if LOCKED_FIELDS.intersection(vals):
            for request in self:
                if request.state != "draft":
                    raise UserError(
                        self.env._(
                            "Access request %(ref)s has been decided: its documents and window cannot change. "
                            "Cancel it and file a new request.",
                            ref=request.name,
                        )
                    )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        self._check_unlink_draft()
        return super().unlink()

    def _check_unlink_draft(self):
        for request in self:
            if request.state != "draft" or request.review_ids:
                raise UserError(
                    self.env._(
                        "Access request %(ref)s has been submitted and is kept on record: cancel it instead.",
                        ref=request.name,
                    )
                )

    @api.model
    def _sales_sync_access(self):
        """AL-5: the temporary readers of every document are exactly the requesters of the approved
        requests whose window covers now. Set-based and idempotent: one search for the open requests,
        one for the documents that have readers, and a write only where the readers differ."""
        now = fields.Datetime.now()
        # The readers are granted by the approvers' decision, not by whoever closes the window.
        requests = self.env["sales.access.request"].sudo()
        open_requests = requests.search([("state", "=", "approved"), ("date_from", "<=", now), ("date_to", ">", now)])
        wanted = defaultdict(set)
        for request in open_requests:
            for document in request.document_ids:
                wanted[document.id].add(request.requester_id.id)
        documents = self.env["sales.document"].sudo().with_context(active_test=False)
        current = documents.search([("access_user_ids", "!=", False)]) | documents.browse(list(wanted))
        by_readers = defaultdict(lambda: documents.browse())
        for document in current:
            readers = frozenset(wanted.get(document.id, ()))
            if readers != frozenset(document.access_user_ids.ids):
                by_readers[readers] |= document
        for readers, changed in by_readers.items():
            changed.write({"access_user_ids": [fields.Command.set(list(readers))]})
        requests.search([("state", "=", "approved"), ("date_to", "<=", now)]).write({"state": "expired"})

    @api.model
    def _cron_sync_access(self):
        """AL-5: scheduled: open the windows that start and close those that end."""
        self._sales_sync_access()
