# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import frozendict, ormcache

TRIGGERS = [
    ("permanent", "Kept permanently"),
    ("relationship_end", "End of the customer relationship"),
    ("contract_fulfilled", "Contract fulfilled"),
    ("quotation_expired", "End of the quotation's validity"),
    ("order_completed", "Order completed"),
    ("shipped", "Shipment"),
    ("invoiced", "Invoice date"),
]


class SalesRetentionRule(models.Model):
    """AL-1: how long the documents of one sub-type are kept (保管期限) and from which event."""

    _name = "sales.retention.rule"
    _description = "Retention Rule"
    _inherit = ["mail.thread"]
    _order = "category, type_id"

    type_id = fields.Many2one(
        "sales.document.type", string="Document Type", required=True, ondelete="cascade", tracking=True
    )
    category = fields.Selection(related="type_id.category", store=True)
    trigger = fields.Selection(TRIGGERS, required=True, default="permanent", tracking=True)
    years = fields.Integer(
        string="Years After Trigger",
        tracking=True,
        help="Leave 0 to use the company's default retention years.",
    )
    note = fields.Char(translate=True)
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [("type_uniq", "unique(type_id)", "Each document type has one retention rule.")]

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        rules._refresh_documents()
        return rules

    def write(self, vals):
        types = self.type_id
        res = super().write(vals)
        if {"type_id", "trigger", "years", "active"}.intersection(vals):
            self.env.registry.clear_cache()
            self._refresh_documents(types | self.type_id)
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    @ormcache()
    def _rules_by_type(self):
        """AL-1: ``{document type id: (rule id, trigger, years)}`` of the active rules. Every registration
        reads them (each posted invoice, each delivery), so they are cached until a rule changes (X-7)."""
        return frozendict({rule.type_id.id: (rule.id, rule.trigger, rule.years) for rule in self.sudo().search([])})

    def _refresh_documents(self, types=None):
        """AL-1: a changed rule moves the retain-until dates of every document of its types."""
        types = self.type_id if types is None else types
        # The rule is written by the archivist; the documents it governs include confidential ones
        # the archivist may not read, and every one of them must follow the rule.
        documents = self.env["sales.document"].sudo().with_context(active_test=False)
        documents.search([("type_id", "in", types.ids)])._sales_refresh_retention()
