# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

CONFIDENTIALITY_ORDER = ["public", "internal", "confidential", "secret"]
LOCKED_FIELDS = {"borrower_id", "reason", "paper_file_ids"}


class SalesLending(models.Model):
    """AL-6: lending of paper files (销售文件借阅申请表): approved like an access request, checked out
    by the archivist, returned with an inspection, reminded when overdue."""

    _name = "sales.lending"
    _description = "Document Lending"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "draft"
    _sales_tier_rejected_state = "rejected"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    borrower_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    department_head_ids = fields.Many2many(
        "res.users",
        compute="_compute_department_head_ids",
        help="The borrower's superior or, without one, the supervisors of the borrower's department. "
        "They approve the first step.",
    )
    reason = fields.Text(required=True, tracking=True)
    paper_file_ids = fields.Many2many("sales.paper.file", string="Paper Files", required=True)
    expected_return_date = fields.Date(required=True, tracking=True)
    needs_general_manager = fields.Boolean(
        compute="_compute_needs_general_manager",
        store=True,
        help="A lent file holds confidential or secret documents: the general manager approves too.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("on_loan", "On Loan"),
            ("returned", "Returned"),
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
    checkout_date = fields.Date(readonly=True, copy=False, tracking=True)
    checkout_by_id = fields.Many2one("res.users", string="Checked Out By", readonly=True, copy=False)
    due_date = fields.Date(readonly=True, copy=False, tracking=True, index=True)
    max_extensions = fields.Integer(string="Extensions Allowed", readonly=True, copy=False)
    extension_days = fields.Integer(readonly=True, copy=False)
    extension_ids = fields.One2many("sales.lending.extension", "lending_id", string="Extensions")
    extension_count = fields.Integer(readonly=True, copy=False, tracking=True)
    return_date = fields.Date(readonly=True, copy=False, tracking=True)
    return_condition = fields.Selection(
        selection=[("intact", "Intact"), ("damaged", "Damaged"), ("lost", "Lost")],
        tracking=True,
        copy=False,
    )
    return_note = fields.Text(copy=False)
    return_file_ids = fields.Many2many(
        "sales.paper.file",
        "sales_lending_return_file_rel",
        string="Damaged or Lost Files",
        copy=False,
        domain="[('id', 'in', paper_file_ids)]",
        help="Which of the lent files came back damaged or were lost; each opens a compensation record.",
    )
    compensation_ids = fields.One2many("sales.lending.compensation", "lending_id", string="Compensations")
    reminder_stage = fields.Integer(
        readonly=True, copy=False, help="Overdue reminders sent: 1 at the due date, 2 and 3 later."
    )
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.depends("paper_file_ids.document_ids.confidentiality")
    def _compute_needs_general_manager(self):
        for lending in self:
            # The route depends on every document in the files, including those the editor may not read.
            levels = lending.sudo().paper_file_ids.document_ids.mapped("confidentiality")
            lending.needs_general_manager = any(level in ("confidential", "secret") for level in levels)

    @api.depends("borrower_id.sales_superior_id")
    def _compute_department_head_ids(self):
        """AL-6: the first approver is the borrower's own department head."""
        for lending in self:
            lending.department_head_ids = lending.borrower_id._sales_department_heads()

    @api.depends("state", "due_date")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for lending in self:
            lending.overdue = lending.state == "on_loan" and bool(lending.due_date) and lending.due_date < today

    @api.model
    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [("state", "=", "on_loan"), ("due_date", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.lending") or "/"
        return super().create(vals_list)

    def write(self, vals):
        """X-6: a decided lending keeps its borrower, reason and files."""
        if LOCKED_FIELDS.intersection(vals) and any(lending.state != "draft" for lending in self):
            raise UserError(
                self.env._(
                    "Lending %(ref)s has been decided: its borrower, reason and files cannot change. "
                    "Cancel it and file a new request.",
                    ref=", ".join(self.filtered(lambda x: x.state != "draft").mapped("name")),
                )
            )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        self._check_unlink_draft()
        return super().unlink()

    def _check_unlink_draft(self):
        for lending in self:
            if lending.state != "draft" or lending.review_ids:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s has been submitted and is kept on record: cancel it instead.",
                        ref=lending.name,
                    )
                )

    def _get_tier_validation_readonly_domain(self):
        # Once approved, the form's own readonly rules apply: the archivist records checkout and return.
        return f"state == 'draft' and ({super()._get_tier_validation_readonly_domain()})"

    def _get_to_validate_message_name(self):
        return self.env._("Document Lending")

    def _check_files_available(self):
        """AL-6: a file out on loan cannot be lent again, nor one holding a document on legal hold."""
        for lending in self:
            # Availability depends on every lending and hold, whoever asks.
            files = lending.sudo().paper_file_ids
            busy = (
                self.sudo()
                .search([("state", "=", "on_loan"), ("paper_file_ids", "in", files.ids), ("id", "!=", lending.id)])
                .paper_file_ids
                & files
            )
            if busy:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s: %(files)s is out on loan. Wait for its return.",
                        ref=lending.name,
                        files=", ".join(busy.mapped("name")),
                    )
                )
            held = files.filtered(lambda f: any(f.document_ids.mapped("legal_hold")))
            if held:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s: %(files)s holds documents on legal hold and cannot be lent.",
                        ref=lending.name,
                        files=", ".join(held.mapped("name")),
                    )
                )

    def action_submit(self):
        """AL-6: the borrower sends the request to the approvers (as for an access request)."""
        for lending in self:
            if lending.state != "draft":
                raise UserError(self.env._("Lending %(ref)s is not a draft: it cannot be submitted.", ref=lending.name))
            if not lending.department_head_ids:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s: %(user)s has no department head to approve it. Ask the administrator "
                        "to set %(user)s's superior (Settings → Users, tab Sales Control, Superior).",
                        ref=lending.name,
                        user=lending.borrower_id.name,
                    )
                )
        self._check_files_available()
        self.request_validation()

    def _check_archivist(self):
        if not self.env.user.has_group("sales_doc_control.group_sales_archivist"):
            raise AccessError(
                self.env._(
                    "Lending %(ref)s: checkout and return are done by the archivist. Ask the archivist.",
                    ref=", ".join(self.mapped("name")),
                )
            )

    def action_checkout(self):
        """AL-6: the archivist hands out the files; the loan period and extensions come from the strictest
        lending rule of the files (category and confidentiality)."""
        self._check_archivist()
        today = fields.Date.context_today(self)
        rules = self.env["sales.lending.rule"].sudo()
        for lending in self:
            if lending.state != "approved":
                raise UserError(
                    self.env._(
                        "Lending %(ref)s is not approved: it cannot be checked out. Ask the approvers first.",
                        ref=lending.name,
                    )
                )
            lending._check_files_available()
            applied = rules.browse()
            for paper in lending.sudo().paper_file_ids:
                levels = paper.document_ids.mapped("confidentiality") or ["internal"]
                top = max(levels, key=CONFIDENTIALITY_ORDER.index)
                applied |= rules._rule_for(paper.category, top)
            strictest = min(applied, key=lambda r: (r.loan_days, r.max_extensions))
            lending.write(
                {
                    "state": "on_loan",
                    "checkout_date": today,
                    "checkout_by_id": self.env.user.id,
                    "due_date": min(today + relativedelta(days=strictest.loan_days), lending.expected_return_date),
                    "max_extensions": strictest.max_extensions,
                    "extension_days": strictest.extension_days,
                    "reminder_stage": 0,
                }
            )

    def action_return(self):
        """AL-6: the archivist takes the files back after inspecting them; damage or loss opens a
        compensation record per file for the sales manager to decide."""
        self._check_archivist()
        for lending in self:
            if lending.state != "on_loan":
                raise UserError(self.env._("Lending %(ref)s is not on loan.", ref=lending.name))
            if not lending.return_condition:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s: record the condition of the returned files (intact, damaged or lost) first.",
                        ref=lending.name,
                    )
                )
            if lending.return_condition != "intact":
                self.env["sales.lending.compensation"].create(
                    [
                        {"lending_id": lending.id, "paper_file_id": paper.id, "condition": lending.return_condition}
                        for paper in lending._sales_affected_files()
                    ]
                )
            lending.write({"state": "returned", "return_date": fields.Date.context_today(self)})

    def _sales_affected_files(self):
        """AL-6: the files the return inspection found damaged or lost: those the archivist picked, or the
        only file of the lending. Files that were not lent cannot be picked."""
        self.ensure_one()
        files = self.paper_file_ids
        affected = self.return_file_ids or (files if len(files) == 1 else files.browse())
        if not affected or affected - files:
            raise UserError(
                self.env._(
                    "Lending %(ref)s: pick the damaged or lost files among the lent files (%(files)s) before "
                    "taking the lending back.",
                    ref=self.name,
                    files=", ".join(files.mapped("name")),
                )
            )
        return affected

    def action_cancel(self):
        for lending in self:
            if lending.state not in ("draft", "approved"):
                raise UserError(
                    self.env._("Lending %(ref)s is out or closed and cannot be cancelled.", ref=lending.name)
                )
        self.with_context(skip_validation_check=True).write({"state": "cancel"})

    @api.model
    def _cron_overdue_reminders(self):
        """AL-6: staged reminders: at the due date to the borrower; after the company's first delay also to
        the archivist; after the second also to the borrower's superior. Each stage is sent once."""
        today = fields.Date.context_today(self)
        # The job reminds every borrower on behalf of the archive.
        lendings = self.sudo()
        archivists = self.env.ref("sales_doc_control.group_sales_archivist").sudo().users
        companies = [company for (company,) in lendings._read_group([("state", "=", "on_loan")], ["company_id"])]
        for company in companies:
            stages = [
                (1, 0),
                (2, company.sales_lending_reminder_days),
                (3, company.sales_lending_escalation_days),
            ]
            for stage, delay in stages:
                due = lendings.search(
                    [
                        ("company_id", "=", company.id),
                        ("state", "=", "on_loan"),
                        ("reminder_stage", "<", stage),
                        ("due_date", "<=", today - relativedelta(days=delay)),
                    ]
                )
                for lending in due:
                    partners = lending.borrower_id.partner_id
                    if stage >= 2:
                        partners |= archivists.partner_id
                    if stage >= 3:
                        partners |= lending.borrower_id.sales_superior_id.partner_id
                    lending.message_post(
                        body=self.env._(
                            "Lending %(ref)s was due on %(date)s: return the files %(files)s to the archive.",
                            ref=lending.name,
                            date=fields.Date.to_string(lending.due_date),
                            files=", ".join(lending.paper_file_ids.mapped("name")),
                        ),
                        partner_ids=partners.ids,
                        message_type="notification",
                        subtype_xmlid="mail.mt_comment",
                    )
                due.write({"reminder_stage": stage})
