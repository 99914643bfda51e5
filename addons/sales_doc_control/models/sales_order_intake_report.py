# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class SalesOrderIntakeReport(models.Model):
    """DC-7: order accuracy (no contract change needed) and on-time delivery, per order.

    Rates are averages of 100/0 values, so grouping by salesperson, customer or
    month in the pivot gives the rate of the group.
    """

    _name = "sales.order.intake.report"
    _description = "Order Intake Report"
    _auto = False
    _order = "date_confirmed desc"

    order_id = fields.Many2one("sale.order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    source = fields.Selection(related="order_id.sales_order_source", readonly=True)
    date_confirmed = fields.Datetime(string="Confirmed On", readonly=True)
    commitment_date = fields.Datetime(string="Promised Delivery", readonly=True)
    date_shipped = fields.Datetime(string="Shipped On", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    accuracy_rate = fields.Float(
        string="Order Accuracy (%)",
        readonly=True,
        aggregator="avg",
        help="Share of confirmed orders that needed no contract change.",
    )
    on_time_rate = fields.Float(
        string="On-Time Delivery (%)",
        readonly=True,
        aggregator="avg",
        help="Share of shipped orders shipped by the promised delivery date.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT so.id AS id,
                       so.id AS order_id,
                       so.partner_id,
                       so.user_id,
                       so.company_id,
                       so.date_order AS date_confirmed,
                       so.commitment_date,
                       shipped.date AS date_shipped,
                       1 AS order_count,
                       CASE WHEN EXISTS (
                           SELECT 1 FROM sales_contract_amendment a
                            WHERE a.order_id = so.id AND a.state = 'applied'
                       ) THEN 0 ELSE 100 END AS accuracy_rate,
                       CASE WHEN shipped.date IS NULL OR so.commitment_date IS NULL THEN NULL
                            WHEN shipped.date <= so.commitment_date THEN 100 ELSE 0 END AS on_time_rate
                  FROM sale_order so
             LEFT JOIN LATERAL (
                       SELECT max(e.date) AS date FROM sales_order_event e
                        WHERE e.order_id = so.id AND e.event = 'shipped'
                       ) shipped ON TRUE
                 WHERE so.state = 'sale'
            )
            """
        )
