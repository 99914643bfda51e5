# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

CONFIDENTIALITY = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("confidential", "Confidential"),
    ("secret", "Secret"),
]
CATEGORIES = [
    ("customer", "Customer information"),
    ("contract", "Sales contracts"),
    ("quotation", "Quotations"),
    ("order", "Orders"),
    ("shipping", "Shipping records"),
    ("after_sales", "After-sales records"),
]


class SalesDocumentType(models.Model):
    """DC-8: a sub-type of one of the six classes of sales documents, with its default confidentiality (DC-9)."""

    _name = "sales.document.type"
    _description = "Sales Document Type"
    _inherit = ["mail.thread"]
    _order = "category, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key the suite's modules use to register their records.")
    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, required=True, tracking=True)
    confidentiality = fields.Selection(
        CONFIDENTIALITY,
        string="Default Confidentiality",
        required=True,
        default="internal",
        tracking=True,
        help="Confidentiality given to new documents of this type.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each document type code must be unique.")]

    @api.model
    @tools.ormcache()
    def _sales_types_by_code(self):
        """{code: (id, default confidentiality)} of the active types, which every registration asks (X-7)."""
        return {doc_type.code: (doc_type.id, doc_type.confidentiality) for doc_type in self.sudo().search([])}

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"code", "active", "confidentiality"}.intersection(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def _register_documents(self):
        # The register rows of a type are found whoever deletes it, whatever rows they may read.
        return self.env["sales.document"].sudo().with_context(active_test=False).search([("type_id", "in", self.ids)])

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used_by_register(self):
        documents = self._register_documents()
        if documents:
            used = documents.type_id[:1]
            raise UserError(
                self.env._(
                    "Document type “%(type)s” is used by %(count)s documents of the register. "
                    "Archive it instead of deleting it.",
                    type=used.name,
                    count=len(documents.filtered(lambda d: d.type_id == used)),
                )
            )

    def unlink(self):
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            # the module that ships this type is being uninstalled, and with it the records its
            # register rows stand for; the rows go first, as the register refuses types still in use.
            self._register_documents().unlink()
        self.env.registry.clear_cache()
        return super().unlink()
