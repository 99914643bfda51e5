# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sales_quotation_approval = fields.Selection(related="company_id.sales_quotation_approval", readonly=False)
    sales_quotation_approval_amount = fields.Monetary(
        related="company_id.sales_quotation_approval_amount", readonly=False
    )
    sales_gm_approval_amount = fields.Monetary(related="company_id.sales_gm_approval_amount", readonly=False)
    sales_legal_review = fields.Selection(related="company_id.sales_legal_review", readonly=False)
    sales_legal_review_amount = fields.Monetary(related="company_id.sales_legal_review_amount", readonly=False)
    sales_contract_quality_clause = fields.Text(related="company_id.sales_contract_quality_clause", readonly=False)
    sales_contract_liability_clause = fields.Text(related="company_id.sales_contract_liability_clause", readonly=False)
    sales_deposit_percent = fields.Float(related="company_id.sales_deposit_percent", readonly=False)
    sales_intake_checklist_required = fields.Boolean(
        related="company_id.sales_intake_checklist_required", readonly=False
    )
    sales_authority_matter_count = fields.Integer(
        string="Authority Matters",
        compute="_compute_sales_authority_matter_count",
    )
    sales_violation_rule_count = fields.Integer(
        string="Violation Rules",
        compute="_compute_sales_authority_matter_count",
    )

    def _compute_sales_authority_matter_count(self):
        matters = self.env["sales.authority.matter"].search_count([])
        rules = self.env["sales.violation.rule"].search_count([])
        for settings in self:
            settings.sales_authority_matter_count = matters
            settings.sales_violation_rule_count = rules
