# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sales_document_type import CONFIDENTIALITY


class SalesDocument(models.Model):
    """DC-8: the register of sales documents, one row per record of the sales process.

    Rows are written by ``sales.document.mixin`` when the records they stand for
    are created or change; confidentiality (DC-9) is enforced by record rules.
    """

    _name = "sales.document"
    _description = "Sales Document"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "name"

    name = fields.Char(required=True)
    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, index=True, readonly=True
    )
    type_id = fields.Many2one("sales.document.type", required=True, index=True, tracking=True)
    category = fields.Selection(related="type_id.category", store=True, index=True, precompute=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    state_key = fields.Char(string="Record Status Key", index=True, readonly=True)
    state = fields.Char(string="Record Status", compute="_compute_state")
    confidentiality = fields.Selection(CONFIDENTIALITY, required=True, default="internal", tracking=True, index=True)
    secret_user_ids = fields.Many2many(
        "res.users",
        "sales_document_secret_user_rel",
        string="Named Managers",
        help="Top managers who may read this document when it is secret, besides the general manager.",
        tracking=True,
    )
    record_deleted = fields.Boolean(readonly=True, help="The record this row stands for no longer exists.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("record_uniq", "unique(res_model, res_id)", "A record appears only once in the document register."),
    ]

    def _compute_state(self):
        """The status label of the registered record, in the reader's language."""
        labels = {}
        for document in self:
            model = self.env.get(document.res_model)
            if document.res_model not in labels:
                field = model._fields.get("state") if model is not None else None
                labels[document.res_model] = (
                    dict(field._description_selection(self.env)) if field and field.type == "selection" else {}
                )
            key = document.state_key
            document.state = labels[document.res_model].get(key, key) if key else False

    def _sales_write_changes(self, values):
        """Write only what differs: saving a registered record must not rewrite its unchanged row (X-7)."""
        self.ensure_one()
        changes = {}
        for name, value in values.items():
            current = self[name]
            if isinstance(current, models.BaseModel):
                current = current.id
            if (current or False) != (value or False):
                changes[name] = value
        if changes:
            # The register follows its record: a new state is no news for the row's chatter; a new type,
            # confidentiality or set of named readers is (their fields are tracked).
            tracked = any(getattr(self._fields[name], "tracking", False) for name in changes)
            (self if tracked else self.with_context(mail_notrack=True)).write(changes)

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
