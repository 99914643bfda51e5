# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

MANAGER_GROUP = "sales_doc_control.group_sales_manager"
GM_GROUP = "sales_doc_control.group_sales_general_manager"


class SalesViolation(models.Model):
    """DC-12: the violation register (违规记录)."""

    _name = "sales.violation"
    _description = "Sales Violation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    person_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        help="The employee who broke the rule.",
    )
    rule_id = fields.Many2one("sales.violation.rule", string="Rule Broken", required=True, tracking=True)
    escalate_to_company = fields.Boolean(related="rule_id.escalate_to_company", string="Referred to the Company")
    fine_min = fields.Monetary(related="rule_id.fine_min", currency_field="currency_id")
    fine_max = fields.Monetary(related="rule_id.fine_max", currency_field="currency_id")
    document_ref = fields.Reference(
        selection="_selection_document_model",
        string="Document",
        help="The quotation, order, dispatch notice or other record concerned.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    description = fields.Text(string="What Happened")
    amount = fields.Monetary(string="Fine", currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Reported"),
            ("decided", "Decided"),
            ("escalated", "Escalated to the Company"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    decision = fields.Text(tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    decision_date = fields.Date(readonly=True, copy=False, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    decision_editable = fields.Boolean(
        string="May Write the Decision",
        compute="_compute_decision_editable",
        help="The current user is the one who decides this violation in its current status.",
    )

    # Once decided, only the decision workflow may touch a violation.
    _locked_fields = {"person_id", "rule_id", "document_ref", "partner_id", "date", "amount", "company_id"}
    # DC-12: the outcome is written only by the buttons, each of which checks who may take its step.
    _outcome_fields = {"state", "decided_by_id", "decision_date"}

    @api.model
    def _violation_document_models(self):
        """Models whose records a violation may point at; suite modules add theirs."""
        return ["sale.order", "res.partner", "crm.lead", "account.move"]

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_decision_editable(self):
        for violation in self:
            group = violation._decider_group()
            violation.decision_editable = bool(group) and self.env.user.has_group(group)

    def _decider_group(self):
        """DC-12: who decides the violation in its current status (False once it is closed)."""
        self.ensure_one()
        return {"draft": MANAGER_GROUP, "escalated": GM_GROUP}.get(self.state, False)

    @api.model
    def _selection_document_model(self):
        # Any user who opens a violation needs the labels of the document models, and reading
        # ir.model is reserved to administrators; only model names and labels are returned.
        models_ = self.env["ir.model"].sudo().search([("model", "in", self._violation_document_models())])
        return [(model.model, model.name) for model in models_]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                self._check_create_outcome(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.violation") or "/"
        return super().create(vals_list)

    def _outcome_error(self):
        return AccessError(
            self.env._(
                "The status of a violation and who decided it change only through its buttons "
                "(Decide, Escalate to the Company, Cancel, Reset to Reported), which check who may take each step. "
                "Use these buttons."
            )
        )

    def _check_create_outcome(self, vals):
        """DC-12: a violation is recorded as reported; deciding it is a separate step."""
        if vals.get("state", "draft") != "draft" or vals.get("decided_by_id") or vals.get("decision_date"):
            raise self._outcome_error()
        if vals.get("decision") and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only the sales manager may write the decision on a violation. Ask them to decide it.")
            )

    def write(self, vals):
        if not self.env.su:
            self._check_write_outcome(vals)
        return super().write(vals)

    def _check_write_outcome(self, vals):
        """DC-12: the outcome changes through the buttons only; the decision text is written by
        whoever decides the violation in its current status, and not after it is closed."""
        if self._outcome_fields.intersection(vals):
            raise self._outcome_error()
        locked = self.browse()
        if self._locked_fields.intersection(vals):
            locked = self.filtered(lambda v: v.state != "draft")
        if "decision" in vals:
            locked |= self.filtered(lambda v: v.state in ("decided", "cancelled"))
            for violation in self - locked:
                group = violation._decider_group()
                role = self.env._("general manager") if group == GM_GROUP else self.env._("sales manager")
                violation._check_can_decide(group, role)
        if locked:
            raise UserError(
                self.env._(
                    "Violation %(ref)s is %(state)s and can no longer be changed. "
                    "Ask a sales manager to reset it to Reported first.",
                    ref=locked[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[locked[0].state],
                )
            )

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._check_unlink_only_reported()
        return super().unlink()

    def _check_unlink_only_reported(self):
        for violation in self:
            if violation.state != "draft":
                raise UserError(
                    self.env._(
                        "Violation %(ref)s has been decided and is kept in the register. "
                        "Cancel it instead of deleting it.",
                        ref=violation.name,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        for violation in self:
            if violation.amount < 0:
                raise ValidationError(self.env._("Violation %(ref)s: a fine cannot be negative.", ref=violation.name))

    def _check_can_decide(self, group_xmlid, role_label):
        if not self.env.user.has_group(group_xmlid):
            raise AccessError(
                self.env._(
                    "Only the %(role)s may decide violation %(ref)s. Ask them to decide it.",
                    role=role_label,
                    ref=", ".join(self.mapped("name")),
                )
            )

    def action_decide(self):
        """DC-12: the sales manager sets the fine within the rule's band."""
        self._check_can_decide(MANAGER_GROUP, self.env._("sales manager"))
        for violation in self:
            if violation.state != "draft":
                raise UserError(self.env._("Violation %(ref)s has already been dealt with.", ref=violation.name))
            if violation.escalate_to_company and not self.env.user.has_group(GM_GROUP):
                raise UserError(
                    self.env._(
                        "Violation %(ref)s breaks the rule “%(rule)s”, which is referred to the company. "
                        "Escalate it to the general manager instead of deciding it.",
                        ref=violation.name,
                        rule=violation.rule_id.name,
                    )
                )
            rule = violation.rule_id
            if (rule.fine_min or rule.fine_max) and not (rule.fine_min <= violation.amount <= rule.fine_max):
                raise UserError(
                    self.env._(
                        "Violation %(ref)s: the fine for “%(rule)s” must be between %(min)s and %(max)s. "
                        "Enter a fine within that band.",
                        ref=violation.name,
                        rule=rule.name,
                        min=rule.fine_min,
                        max=rule.fine_max,
                    )
                )
        self._set_outcome(self._decision_values("decided"))

    def action_escalate(self):
        """DC-12: refer a violation to the company (the general manager decides)."""
        self._check_can_decide(MANAGER_GROUP, self.env._("sales manager"))
        for violation in self:
            if violation.state != "draft":
                raise UserError(self.env._("Violation %(ref)s has already been dealt with.", ref=violation.name))
        self._set_outcome({"state": "escalated"})
        gm_group = self.env.ref(GM_GROUP)
        for violation in self:
            company = violation.company_id
            for gm in gm_group.users.filtered(lambda u, company=company: company in u.company_ids):
                violation.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=gm.id,
                    summary=self.env._("Decide escalated violation %(ref)s", ref=violation.name),
                )

    def action_decide_escalated(self):
        """DC-12: the general manager closes an escalated violation."""
        self._check_can_decide(GM_GROUP, self.env._("general manager"))
        for violation in self:
            if violation.state != "escalated":
                raise UserError(
                    self.env._(
                        "Violation %(ref)s is not escalated; the sales manager decides it.",
                        ref=violation.name,
                    )
                )
        self._set_outcome(self._decision_values("decided"))
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        """DC-12: withdraw a violation; once referred to the company, only the general manager may."""
        self._check_can_decide(MANAGER_GROUP, self.env._("sales manager"))
        self._check_referred_to_general_manager()
        self._set_outcome(self._decision_values("cancelled"))

    def action_reset_draft(self):
        """DC-12: reopen a violation; once referred to the company, only the general manager may."""
        self._check_can_decide(MANAGER_GROUP, self.env._("sales manager"))
        self._check_referred_to_general_manager()
        self._set_outcome({"state": "draft", "decided_by_id": False, "decision_date": False})

    def _check_referred_to_general_manager(self):
        """DC-12: an escalated violation, and the outcome of one whose rule refers it to the company,
        belong to the general manager, so the sales manager may neither cancel nor reopen them."""
        if self.env.user.has_group(GM_GROUP):
            return
        for violation in self:
            if violation.state == "escalated" or (violation.state != "draft" and violation.escalate_to_company):
                raise AccessError(
                    self.env._(
                        "Violation %(ref)s has been referred to the company: only the general manager "
                        "may cancel it or reset it. Ask the general manager.",
                        ref=violation.name,
                    )
                )

    def _set_outcome(self, vals):
        """Write the outcome fields, which write() refuses to anyone without elevated rights.

        The calling button has checked the role; the user must still be allowed to write these
        records (access rights and company rules) before the write is elevated.
        """
        self.check_access("write")
        self.sudo().write(vals)

    def _decision_values(self, state):
        return {
            "state": state,
            "decided_by_id": self.env.user.id,
            "decision_date": fields.Date.context_today(self),
        }

    @api.model
    def _report_violation(self, person, rule_code, document=None, description=None, partner=None, amount=0.0):
        """Record a breach found by the suite itself (e.g. a deal closed outside price authority).

        Other modules call this from their own checks; the system acts here, not the
        user who triggered the check, so the record is created with elevated rights.
        """
        rule = self.env["sales.violation.rule"].sudo().search([("code", "=", rule_code)], limit=1)
        if not rule:
            raise UserError(
                self.env._(
                    "The violation rule “%(code)s” is missing. Ask an administrator to restore it "
                    "under Sales Control > Configuration > Violation Rules.",
                    code=rule_code,
                )
            )
        if document and not partner and "partner_id" in document._fields:
            partner = document.partner_id
        company = self.env.company
        if document and "company_id" in document._fields and document.company_id:
            company = document.company_id
        return self.sudo().create(
            {
                "person_id": person.id,
                "rule_id": rule.id,
                "document_ref": f"{document._name},{document.id}" if document else False,
                "partner_id": partner.id if partner else False,
                "description": description,
                "amount": amount,
                "company_id": company.id,
            }
        )
