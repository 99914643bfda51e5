# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

RETENTION_STATES = [
    ("permanent", "Kept permanently"),
    ("pending", "Trigger not reached"),
    ("retained", "Under retention"),
    ("expired", "Past retention"),
    ("disposed", "Disposed"),
]


class SalesDocument(models.Model):
    _inherit = "sales.document"

    retention_rule_id = fields.Many2one("sales.retention.rule", readonly=True, index=True)
    retention_trigger_date = fields.Date(
        string="Trigger Date",
        readonly=True,
        help="Date of the event the retention period runs from (contract end, quotation expiry, shipment...).",
    )
    retain_until = fields.Date(readonly=True, index=True, tracking=True)
    retention_permanent = fields.Boolean(string="Kept Permanently", readonly=True)
    retention_state = fields.Selection(
        RETENTION_STATES,
        compute="_compute_retention_state",
        search="_search_retention_state",
    )
    legal_hold = fields.Boolean(
        tracking=True,
        copy=False,
        help="A document on legal hold is kept whatever its dates: it is never deleted nor disposed of.",
    )
    legal_hold_reason = fields.Char(tracking=True)
    disposed = fields.Boolean(readonly=True, copy=False, tracking=True)
    disposal_batch_id = fields.Many2one(
        "sales.disposal.batch", string="Destruction Certificate", readonly=True, copy=False, index=True
    )
    disposal_date = fields.Datetime(string="Disposed On", readonly=True, copy=False)
    paper_file_ids = fields.Many2many(
        "sales.paper.file", "sales_paper_file_document_rel", "document_id", "file_id", string="Paper Files"
    )
    access_user_ids = fields.Many2many(
        "res.users",
        "sales_document_access_user_rel",
        string="Temporary Readers",
        readonly=True,
        help="Users who read this document through an approved access request, while its window lasts.",
    )
    access_window_open = fields.Boolean(
        string="Readable Through My Access Request",
        compute="_compute_access_window_open",
        search="_search_access_window_open",
        help="The current user reads this document through an approved access request whose window is open now.",
    )

    @api.depends("retention_permanent", "retain_until", "disposed")
    @api.depends_context("date")
    def _compute_retention_state(self):
        today = fields.Date.context_today(self)
        for document in self:
            if document.disposed:
                document.retention_state = "disposed"
            elif document.retention_permanent:
                document.retention_state = "permanent"
            elif not document.retain_until:
                document.retention_state = "pending"
            elif document.retain_until >= today:
                document.retention_state = "retained"
            else:
                document.retention_state = "expired"

    @api.model
    def _search_retention_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(operator)
        values = [value] if isinstance(value, str) else list(value)
        today = fields.Date.context_today(self)
        domains = {
            "disposed": [("disposed", "=", True)],
            "permanent": [("disposed", "=", False), ("retention_permanent", "=", True)],
            "pending": [("disposed", "=", False), ("retention_permanent", "=", False), ("retain_until", "=", False)],
            "retained": [("disposed", "=", False), ("retention_permanent", "=", False), ("retain_until", ">=", today)],
            "expired": [("disposed", "=", False), ("retention_permanent", "=", False), ("retain_until", "<", today)],
        }
        domain = expression.OR([domains[v] for v in values]) if values else []
        if operator in ("!=", "not in"):
            return ["!", *domain] if domain else []
        return domain or expression.FALSE_DOMAIN

    def _sales_open_access_documents_sql(self):
        """AL-5: a subquery of the documents the current user may read now through approved access
        requests whose window covers this very moment. Checked when reading, in the record rule's
        own query, so no job has to run for a window to open or close."""
        now = fields.Datetime.now()
        # The record rule asks on the user's behalf; the user's own requests decide, whatever their visibility.
        requests = (
            self.env["sales.access.request"]
            .sudo()
            ._search(
                [
                    ("requester_id", "=", self.env.uid),
                    ("state", "=", "approved"),
                    ("date_from", "<=", now),
                    ("date_to", ">", now),
                ]
            )
        )
        relation = self.env["sales.access.request"]._fields["document_ids"]
        return SQL(
            "(SELECT %s FROM %s WHERE %s IN %s)",
            SQL.identifier(relation.column2),
            SQL.identifier(relation.relation),
            SQL.identifier(relation.column1),
            requests.subselect(),
        )

    @api.depends_context("uid")
    def _compute_access_window_open(self):
        # Asked about the current user's own requests, for documents the user may not read yet.
        ids = [record_id for record_id in self._origin.ids if record_id]
        readable = self.sudo().search([("id", "in", ids), ("access_window_open", "=", True)])
        for document in self:
            document.access_window_open = document._origin.id in readable.ids

    @api.model
    def _search_access_window_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", self._sales_open_access_documents_sql())]

    def _sales_is_retained(self):
        """AL-2: a document is retained until its retain-until date has passed, and for ever on legal hold."""
        self.ensure_one()
        return self.legal_hold or self.retention_state not in ("expired", "disposed")

    def _sales_refresh_retention(self, records_exist=False):
        """AL-1: set each document's rule, trigger date and retain-until date from its record.

        Set-based: the rules come from their cache, then one batch of records per model asks for its
        trigger dates; only documents whose values change are written. ``records_exist`` spares the
        existence check when the caller has just registered the records.
        """
        documents = self.filtered(lambda d: not d.record_deleted)
        if not documents:
            return
        rules = self.env["sales.retention.rule"]._rules_by_type()
        by_model = defaultdict(lambda: self.browse())
        for document in documents:
            by_model[document.res_model] |= document
        for model, model_documents in by_model.items():
            if model not in self.env:
                continue
            # Trigger dates are facts of the records; reading them must not depend on who changed a rule.
            records = self.env[model].sudo().with_context(active_test=False).browse(model_documents.mapped("res_id"))
            triggers = (records if records_exist else records.exists())._sales_retention_trigger_dates()
            for document in model_documents:
                rule_id, trigger, years = rules.get(document.type_id.id, (False, False, 0))
                values = {"retention_rule_id": rule_id, "retention_permanent": trigger == "permanent"}
                trigger_date = False
                if rule_id and trigger != "permanent":
                    trigger_date = triggers.get(document.res_id, {}).get(trigger) or False
                values["retention_trigger_date"] = trigger_date
                values["retain_until"] = trigger_date and trigger_date + relativedelta(
                    years=years or document.company_id.sales_retention_years
                )
                changed = {
                    name: value
                    for name, value in values.items()
                    if (document[name].id if name == "retention_rule_id" else document[name]) != value
                }
                if changed:
                    document.sudo().write(changed)

    @api.model
    def _cron_refresh_retention(self):
        """AL-1: scheduled: documents whose trigger has not been reached yet look again, so that a
        trigger recorded elsewhere (a customer archived, a shipment) starts their retention.
        Idempotent: documents whose dates do not change are not written."""
        # The job runs for every confidentiality level on behalf of the retention schedule.
        self.sudo().search(
            [("record_deleted", "=", False), ("retention_permanent", "=", False), ("retain_until", "=", False)]
        )._sales_refresh_retention()

    def action_set_legal_hold(self):
        """AL-2: the archivist or the sales manager puts documents on legal hold."""
        self.write({"legal_hold": True})

    def action_release_legal_hold(self):
        """AL-2: only the general manager releases a legal hold."""
        self.write({"legal_hold": False, "legal_hold_reason": False})

    def _sales_check_legal_hold_rights(self, hold):
        """AL-2: who may put documents on legal hold and who may release them."""
        user = self.env.user
        if hold and not (
            user.has_group("sales_doc_control.group_sales_archivist")
            or user.has_group("sales_doc_control.group_sales_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the archivist or the sales manager puts documents on legal hold (%(docs)s): ask one of them.",
                    docs=", ".join(self.mapped("name")),
                )
            )
        if not hold and not user.has_group("sales_doc_control.group_sales_general_manager"):
            raise AccessError(
                self.env._(
                    "Releasing the legal hold of %(docs)s is the general manager's decision: ask the general manager.",
                    docs=", ".join(self.mapped("name")),
                )
            )

    def write(self, vals):
        if "legal_hold" in vals and not self.env.su:
            self._sales_check_legal_hold_rights(bool(vals["legal_hold"]))
        return super().write(vals)

    def unlink(self):
        """AL-2/AL-3: register rows of retained documents are never deleted, nor those of disposed
        documents: they are the residual metadata kept with the destruction certificate. Checked
        before mail.thread's unlink, which deletes the chatter first."""
        if not self._sales_module_uninstalling():
            self._sales_check_disposed_kept()
            self._sales_check_deletable()
        return super().unlink()

    def _sales_check_disposed_kept(self):
        """AL-3: the register row of a disposed document is what remains of it: it is never deleted."""
        disposed = self.filtered("disposed")
        if disposed:
            raise UserError(
                self.env._(
                    "%(doc)s cannot be deleted: it was disposed of under destruction certificate %(batch)s "
                    "and its register entry is kept as the record of that disposal. Leave it in the register, "
                    "where it shows as disposed.",
                    doc=disposed[0].name,
                    batch=disposed[0].sudo().disposal_batch_id.name or "",
                )
            )

    @api.model
    def _sales_module_uninstalling(self):
        """AL-2: a module uninstall (run by the server as the superuser while modules are marked
        "to remove") may remove retained records. The context flag alone proves nothing: any
        user can send it over RPC, so it is honoured only with both conditions. Call it on the
        environment of the deletion, not on documents read with sudo()."""
        if not (self.env.context.get(MODULE_UNINSTALL_FLAG) and self.env.su):
            return False
        return bool(self.env["ir.module.module"].sudo().search_count([("state", "=", "to remove")], limit=1))

    def _sales_check_deletable(self, model_name="sales.document"):
        """AL-2: refuse to delete anything whose document is still retained, whoever asks; the message
        advises what to do with the record being deleted (model_name: its model)."""
        for document in self.filtered(lambda d: not d.record_deleted or d.legal_hold):
            if not document._sales_is_retained():
                continue
            if document.legal_hold:
                reason = self.env._("it is on legal hold")
            elif document.retention_permanent:
                reason = self.env._("it is kept permanently")
            elif document.retain_until:
                reason = self.env._("it is retained until %(date)s", date=fields.Date.to_string(document.retain_until))
            else:
                reason = self.env._("its retention period has not started yet")
            raise UserError(
                self.env._(
                    "%(doc)s cannot be deleted: %(reason)s under the retention schedule. %(advice)s",
                    doc=document.name,
                    reason=reason,
                    advice=document._sales_deletion_advice(model_name),
                )
            )

    def _sales_deletion_advice(self, model_name):
        """AL-2/X-4: what the user can do instead of deleting, for the kind of record at hand."""
        self.ensure_one()
        if model_name == self.res_model and model_name in self.env:
            # The advice depends on the record's state, whoever may read it.
            record = self.env[model_name].sudo().with_context(active_test=False).browse(self.res_id).exists()
            if record and model_name == "sale.order" and record.state != "cancel":
                return self.env._("Cancel it instead.")
            if record and model_name == "account.move" and record.state != "cancel":
                return self.env._("Cancel it instead (reset it to draft first), or issue a credit note.")
            if record and "active" in record._fields and record.active:
                return self.env._("Archive it instead.")
        return self.env._("Keep it: once its retention has ended, the archivist proposes it for an approved disposal.")
