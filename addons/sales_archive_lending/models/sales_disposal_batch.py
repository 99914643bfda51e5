# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OPEN_STATES = ("draft", "approved")


class SalesDisposalBatch(models.Model):
    """AL-3: a batch of documents past retention proposed for destruction (销毁).

    Approved by the sales manager then the general manager (tier definitions shipped as data),
    executed by the archivist. Execution deletes the electronic files (attachments) of each
    document and marks it disposed; the register row stays as the residual metadata and the
    batch is the destruction certificate (what, when, who, method).
    """

    _name = "sales.disposal.batch"
    _description = "Document Disposal Batch"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "draft"
    _sales_tier_rejected_state = "rejected"

    name = fields.Char(string="Certificate Number", readonly=True, copy=False, default="/")
    document_ids = fields.Many2many(
        "sales.document",
        "sales_disposal_batch_document_rel",
        string="Documents",
        domain="[('retention_state', '=', 'expired'), ('legal_hold', '=', False), ('disposed', '=', False)]",
    )
    document_count = fields.Integer(compute="_compute_document_count")
    method = fields.Selection(
        selection=[
            ("shredding", "Shredding"),
            ("incineration", "Incineration"),
            ("electronic", "Electronic deletion only"),
        ],
        required=True,
        default="shredding",
        tracking=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Proposed"),
            ("approved", "Approved"),
            ("done", "Disposed"),
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
    executed_date = fields.Datetime(string="Disposed On", readonly=True, copy=False, tracking=True)
    executed_by_id = fields.Many2one("res.users", string="Disposed By", readonly=True, copy=False, tracking=True)
    witness_id = fields.Many2one("res.users", tracking=True)
    note = fields.Text()
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.depends("document_ids")
    def _compute_document_count(self):
        for batch in self:
            batch.document_count = len(batch.document_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.disposal.batch") or "/"
        return super().create(vals_list)

    @api.constrains("document_ids", "state")
    def _check_documents_disposable(self):
        """AL-3: only documents past retention and not on legal hold are in an open batch."""
        for batch in self.filtered(lambda b: b.state in OPEN_STATES):
            # Every listed document is checked, including those the archivist may not read.
            for document in batch.sudo().document_ids:
                if document._sales_is_retained() or document.disposed:
                    raise ValidationError(
                        self.env._(
                            "%(doc)s cannot be in disposal batch %(batch)s: it is on legal hold, still under "
                            "retention or already disposed. Remove it from the batch.",
                            doc=document.name,
                            batch=batch.name,
                        )
                    )

    def _get_tier_validation_readonly_domain(self):
        # Once approved, the archivist still records the witness and notes of the destruction.
        return f"state == 'draft' and ({super()._get_tier_validation_readonly_domain()})"

    def _get_to_validate_message_name(self):
        return self.env._("Document Disposal Batch")

    def action_submit(self):
        """AL-3: the archivist sends the proposed batch to the sales manager and the general manager."""
        self._check_archivist()
        for batch in self:
            if batch.state != "draft" or not batch.document_ids:
                raise UserError(
                    self.env._(
                        "Disposal batch %(batch)s is not a proposal with documents: add documents first.",
                        batch=batch.name,
                    )
                )
        self.request_validation()

    def action_execute(self):
        """AL-3: the archivist disposes of an approved batch: electronic files are deleted, the register
        rows stay as residual metadata and the batch records what, when, who and how."""
        self._check_archivist()
        for batch in self:
            if batch.state != "approved":
                raise UserError(
                    self.env._(
                        "Disposal batch %(batch)s is not approved: ask the sales manager and the general manager "
                        "to approve it before disposing of anything.",
                        batch=batch.name,
                    )
                )
            # A legal hold set after the approval still wins.
            batch._check_documents_disposable()
        # Documents and their files belong to every confidentiality level; the approved batch is the authority.
        documents = self.sudo().document_ids
        attachments = self.env["ir.attachment"].sudo()
        for model in set(documents.mapped("res_model")):
            res_ids = documents.filtered(lambda d, model=model: d.res_model == model).mapped("res_id")
            attachments |= attachments.search([("res_model", "=", model), ("res_id", "in", res_ids)])
        attachments.unlink()
        now = fields.Datetime.now()
        for batch in self:
            batch.sudo().document_ids.write({"disposed": True, "disposal_batch_id": batch.id, "disposal_date": now})
        self.write({"state": "done", "executed_date": now, "executed_by_id": self.env.user.id})

    def action_cancel(self):
        for batch in self:
            if batch.state == "done":
                raise UserError(
                    self.env._("Disposal batch %(batch)s has been executed and cannot be cancelled.", batch=batch.name)
                )
        self.with_context(skip_validation_check=True).write({"state": "cancel"})

    def _check_archivist(self):
        if not self.env.user.has_group("sales_doc_control.group_sales_archivist"):
            raise AccessError(
                self.env._(
                    "Disposal batches %(batches)s are handled by the archivist: ask the archivist.",
                    batches=", ".join(self.mapped("name")),
                )
            )

    def write(self, vals):
        """X-6: an approved or executed batch keeps its documents."""
        if "document_ids" in vals and any(batch.state != "draft" for batch in self):
            raise UserError(
                self.env._(
                    "Disposal batch %(batches)s has been decided: its documents cannot change. Cancel it and propose "
                    "a new batch.",
                    batches=", ".join(self.filtered(lambda b: b.state != "draft").mapped("name")),
                )
            )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        self._check_unlink_draft()
        return super().unlink()

    def _check_unlink_draft(self):
        for batch in self:
            if batch.state != "draft" or batch.review_ids:
                raise UserError(
                    self.env._(
                        "Disposal batch %(batch)s has been submitted and is kept on record: cancel it instead.",
                        batch=batch.name,
                    )
                )

    @api.model
    def _cron_propose_disposal(self):
        """AL-3: scheduled: put the documents past retention, not on legal hold and not yet in an open
        batch into one proposed batch per company. Idempotent: a second run adds nothing."""
        # The job sees every confidentiality level on behalf of the retention schedule.
        documents = self.env["sales.document"].sudo()
        candidates = documents.search(
            [
                ("retention_state", "=", "expired"),
                ("legal_hold", "=", False),
                ("disposed", "=", False),
                ("record_deleted", "=", False),
            ]
        )
        batches = self.sudo().search([("state", "in", OPEN_STATES)])
        candidates -= batches.document_ids
        for company in candidates.company_id:
            new = candidates.filtered(lambda d, company=company: d.company_id == company)
            draft = batches.filtered(lambda b, company=company: b.state == "draft" and b.company_id == company)[:1]
            if draft and not draft.review_ids:
                draft.write({"document_ids": [fields.Command.link(doc.id) for doc in new]})
            else:
                self.sudo().create({"company_id": company.id, "document_ids": [fields.Command.set(new.ids)]})
