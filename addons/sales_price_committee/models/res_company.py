# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_quotation_deadline_days = fields.Integer(
        string="New-Customer Quotation Deadline (Working Days)",
        default=2,
        help="A new customer's inquiry must be quoted within this many working days.",
    )
    sales_phone_auth_days = fields.Integer(
        string="Phone Authorisation Confirmation (Working Days)",
        default=2,
        help="Working days the approver has to confirm a price authorised by phone.",
    )
    sales_new_product_monthly_qty = fields.Float(
        string="New-Product Monthly Volume",
        default=100.0,
        help="Quantity sold in the last 30 days (in the product's unit) that puts a new "
        "product on the price committee's agenda.",
    )
    sales_new_product_total_qty = fields.Float(
        string="New-Product Cumulative Volume",
        default=500.0,
        help="Cumulative quantity sold (in the product's unit) that puts a new product on "
        "the price committee's agenda.",
    )
    sales_committee_interval_months = fields.Integer(
        string="Committee Session Interval (Months)",
        default=3,
        help="The price committee reviews the base price table this often.",
    )
    sales_committee_reminder_days = fields.Integer(
        string="Committee Reminder (Days Before)",
        default=7,
        help="Members get a reminder this many days before a session.",
    )

    def _sales_add_working_days(self, start, days):
        """PC-7/PC-8: the end of the ``days``-th working day after ``start``.

        Counting starts the day after ``start`` (the day of the inquiry or call does
        not count) on the company's working calendar, so weekends and public holidays
        (resource.calendar.leaves) are skipped. ``start`` and the result are naive UTC.
        """
        self.ensure_one()
        calendar = self.resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        local_day = pytz.utc.localize(start).astimezone(tz).date()
        next_day = tz.localize(datetime.combine(local_day + timedelta(days=1), time.min))
        last_day = calendar.plan_days(days, next_day, compute_leaves=True).astimezone(tz).date()
        day_start = tz.localize(datetime.combine(last_day, time.min))
        intervals = calendar._work_intervals_batch(day_start, day_start + timedelta(days=1))[False]
        deadline = max(stop for _start, stop, _meta in intervals)
        return deadline.astimezone(pytz.utc).replace(tzinfo=None)
