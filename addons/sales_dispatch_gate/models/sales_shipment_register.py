# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class SalesShipmentRegister(models.Model):
    """DG-10: the shipment register (发货记录): one row per shipped product of a delivery."""

    _name = "sales.shipment.register"
    _description = "Shipment Register"
    _auto = False
    _order = "date desc, picking_id desc, id"

    date = fields.Datetime(string="Shipped On", readonly=True)
    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True)
    order_id = fields.Many2one("sale.order", string="Sale Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    notice_id = fields.Many2one("sales.dispatch.notice", string="Dispatch Notice", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    amount = fields.Monetary(readonly=True, help="Order price of the shipped quantity, taxes included.")
    carrier_id = fields.Many2one("res.partner", readonly=True)
    vehicle_plate = fields.Char(readonly=True)
    tracking_ref = fields.Char(string="Tracking Number", readonly=True)

    def init(self):
        """One row per done delivery move of a sale order, in the order line's unit and the company currency."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT move.id AS id,
                           picking.date_done AS date,
                           picking.id AS picking_id,
                           so.id AS order_id,
                           partner.commercial_partner_id AS partner_id,
                           so.user_id AS user_id,
                           picking.company_id AS company_id,
                           company.currency_id AS currency_id,
                           notice.id AS notice_id,
                           move.product_id AS product_id,
                           move.product_uom AS product_uom_id,
                           move.quantity AS quantity,
                           CASE WHEN sol.product_uom_qty > 0
                                THEN sol.price_total / sol.product_uom_qty / COALESCE(NULLIF(so.currency_rate, 0), 1)
                                     * move.quantity
                                     * COALESCE(sol_uom.factor / NULLIF(move_uom.factor, 0), 1)
                                ELSE 0 END AS amount,
                           COALESCE(picking.logistics_carrier_id, notice.carrier_id) AS carrier_id,
                           notice.vehicle_plate AS vehicle_plate,
                           picking.logistics_tracking_ref AS tracking_ref
                      FROM stock_move move
                      JOIN stock_picking picking ON picking.id = move.picking_id
                      JOIN stock_picking_type ptype ON ptype.id = picking.picking_type_id
                      JOIN sale_order so ON so.id = picking.sale_id
                      JOIN res_partner partner ON partner.id = so.partner_id
                      JOIN res_company company ON company.id = picking.company_id
                      LEFT JOIN sale_order_line sol ON sol.id = move.sale_line_id
                      LEFT JOIN uom_uom move_uom ON move_uom.id = move.product_uom
                      LEFT JOIN uom_uom sol_uom ON sol_uom.id = sol.product_uom
                      LEFT JOIN LATERAL (
                            SELECT n.id, n.carrier_id, n.vehicle_plate
                              FROM stock_picking_dispatch_notice_rel rel
                              JOIN sales_dispatch_notice n ON n.id = rel.notice_id
                             WHERE rel.picking_id = picking.id
                             ORDER BY n.approved_date, n.id
                             LIMIT 1
                      ) notice ON TRUE
                     WHERE move.state = 'done'
                       AND ptype.code = 'outgoing'
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
