# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models


class TierDefinition(models.Model):
    """DC-2: tie each approval tier to the authority-matrix matter it enforces."""

    _inherit = "tier.definition"

    authority_matter_id = fields.Many2one(
        "sales.authority.matter",
        index=True,
        help="The row of the sales authority matrix this tier puts into practice.",
    )
    sales_approval_stage = fields.Selection(
        selection=[
            ("quotation", "Quotation approval (before sending)"),
            ("contract", "Contract review (before confirmation)"),
        ],
        help="For sales orders: when this tier is requested. Quotation tiers are requested before the "
        "quotation is sent (and at confirmation if still missing); contract tiers at confirmation.",
    )

    sales_deadline_type = fields.Selection(
        selection=[
            ("none", "No deadline"),
            ("hours", "Within working hours"),
            ("same_day", "The same working day"),
        ],
        string="Deadline",
        default="none",
        required=True,
        help="How long the approver has to decide, counted on the company's working calendar.",
    )
    sales_deadline_hours = fields.Integer(string="Deadline (working hours)", default=8)
    sales_escalation_group_id = fields.Many2one(
        "res.groups",
        string="Escalate To",
        help="When the deadline passes, this next level may decide the step too.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        definitions = super().create(vals_list)
        # The stored related `model` stays empty for definitions created by data files during a
        # module's installation, which would silently disable their approvals; set it from the
        # model record in one statement.
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE tier_definition t SET model = m.model FROM ir_model m
                WHERE m.id = t.model_id AND t.id IN %s AND t.model IS DISTINCT FROM m.model""",
            [tuple(definitions.ids)],
        )
        definitions.invalidate_recordset(["model"])
        return definitions

    def _sales_deadline(self, start, company):
        """DC-11: the deadline of a review of this tier requested at ``start``."""
        self.ensure_one()
        calendar = company.resource_calendar_id
        if self.sales_deadline_type == "none" or not calendar:
            return False
        if self.sales_deadline_type == "hours":
            return calendar.plan_hours(self.sales_deadline_hours, start, compute_leaves=True)
        # The end of the working day of `start`, or of the next working day when none is left today.
        day_start = start
        for _attempt in range(14):
            day_end = day_start.replace(hour=23, minute=59, second=59)
            intervals = calendar._work_intervals_batch(pytz.utc.localize(day_start), pytz.utc.localize(day_end))[False]
            ends = [stop for _start, stop, _meta in intervals if stop > pytz.utc.localize(start)]
            if ends:
                return max(ends).astimezone(pytz.utc).replace(tzinfo=None)
            day_start = (day_start + timedelta(days=1)).replace(hour=0, minute=0, second=0)
        return False

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["sale.order", "sales.contract.amendment"]
