# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesDevelopmentPlan(models.Model):
    """CT-10: a specialist's customer development plan for a half-year, approved by the sales manager."""

    _name = "sales.development.plan"
    _description = "Customer Development Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "year desc, half desc, user_id"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "draft"

    user_id = fields.Many2one(
        "res.users", string="Specialist", required=True, default=lambda self: self.env.user, tracking=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True)
    half = fields.Selection(
        selection=[("1", "January to June"), ("2", "July to December")],
        string="Half-Year",
        required=True,
        default=lambda self: "1" if fields.Date.context_today(self).month <= 6 else "2",
        tracking=True,
    )
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("approved", "Approved"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    target_count = fields.Integer(string="Customers to Develop", tracking=True)
    plan = fields.Text(string="Development Plan", help="Which prospects, how and when (客户开发计划).")
    lead_ids = fields.One2many("crm.lead", "development_plan_id", string="Prospects")
    won_first_quarter = fields.Integer(string="Developed in the First Quarter", compute="_compute_actual")
    won_second_quarter = fields.Integer(string="Developed in the Second Quarter", compute="_compute_actual")
    won_count = fields.Integer(string="Developed", compute="_compute_actual")
    achievement = fields.Float(string="Achievement (%)", compute="_compute_actual")

    _sql_constraints = [
        ("user_period_uniq", "unique(user_id, year, half, company_id)", "A specialist has one plan per half-year."),
    ]

    @api.depends("user_id", "year", "half", "target_count")
    def _compute_display_name(self):
        for plan in self:
            half = dict(self._fields["half"]._description_selection(self.env)).get(plan.half, "")
            plan.display_name = f"{plan.user_id.name} {plan.year} {half}"

    def _quarters(self):
        """The two quarters of the plan's half-year as (start, end) datetimes."""
        first_month = 1 if self.half == "1" else 7
        bounds = [date(self.year, first_month + 3 * index, 1) for index in range(2)]
        bounds.append(date(self.year + 1, 1, 1) if self.half == "2" else date(self.year, 7, 1))
        return [(datetime.combine(bounds[i], time.min), datetime.combine(bounds[i + 1], time.min)) for i in range(2)]

    @api.depends("user_id", "year", "half", "target_count")
    def _compute_actual(self):
        """CT-10: plan against actual: leads of the specialist won in each quarter of the half-year.

        One aggregate query for all plans, grouped by salesperson and quarter.
        """
        plans = self.filtered(lambda p: p.year and p.half and p.user_id)
        counts = {}
        if plans:
            start = min(plan._quarters()[0][0] for plan in plans)
            end = max(plan._quarters()[1][1] for plan in plans)
            groups = self.env["crm.lead"]._read_group(
                [
                    ("user_id", "in", plans.user_id.ids),
                    ("stage_id.is_won", "=", True),
                    ("date_closed", ">=", start),
                    ("date_closed", "<", end),
                ],
                ["user_id", "date_closed:quarter"],
                ["__count"],
            )
            for user, quarter, count in groups:
                quarter_date = quarter.date() if isinstance(quarter, datetime) else quarter
                counts[(user.id, quarter_date)] = count
        for plan in self:
            values = [0, 0]
            if plan in plans:
                for index, (quarter_start, _end) in enumerate(plan._quarters()):
                    values[index] = counts.get((plan.user_id.id, quarter_start.date()), 0)
            plan.won_first_quarter, plan.won_second_quarter = values
            plan.won_count = sum(values)
            plan.achievement = 100.0 * plan.won_count / plan.target_count if plan.target_count else 0.0

    def _get_to_validate_message_name(self):
        return self.env._("Development Plan")

    def action_cancel(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "Development plan %(plan)s is approved and is kept; it cannot be cancelled.",
                        plan=plan.display_name,
                    )
                )
        self.write({"state": "cancel"})
