# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

OPEN_NOTICE_STATES = ("draft", "finance", "reviewed", "approved")
# the shipped quantity is counted by delivery validations (sudo), never typed; the others follow the
# notice and the order line.
WORKFLOW_FIELDS = {"qty_shipped"}
DERIVED_FIELDS = {"state", "company_id", "product_id", "price_unit_company", "amount"}


class SalesDispatchNoticeLine(models.Model):
    """DG-1: a product and quantity the notice instructs the warehouse to ship."""

    _name = "sales.dispatch.notice.line"
    _description = "Dispatch Notice Line"
    _order = "notice_id, sequence, id"

    notice_id = fields.Many2one("sales.dispatch.notice", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    currency_id = fields.Many2one(related="notice_id.currency_id")
    state = fields.Selection(related="notice_id.state", store=True, string="Status")
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        required=True,
        index=True,
        domain="[('order_id', '=', parent.order_id), ('display_type', '=', False)]",
    )
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True, index=True)
    product_uom = fields.Many2one(related="sale_line_id.product_uom", string="Unit")
    product_uom_qty = fields.Float(string="Quantity", required=True, digits="Product Unit of Measure")
    qty_shipped = fields.Float(
        string="Shipped",
        default=0.0,
        readonly=True,
        copy=False,
        digits="Product Unit of Measure",
        help="Quantity delivered under this notice (validated deliveries).",
    )
    price_unit_company = fields.Float(
        string="Unit Amount",
        compute="_compute_amounts",
        store=True,
        help="Order price per unit, taxes included, in company currency.",
    )
    amount = fields.Monetary(compute="_compute_amounts", store=True, currency_field="currency_id")

    @api.depends(
        "sale_line_id.price_total",
        "sale_line_id.product_uom_qty",
        "sale_line_id.order_id.currency_rate",
        "product_uom_qty",
    )
    def _compute_amounts(self):
        for line in self:
            sale_line = line.sale_line_id
            rate = sale_line.order_id.currency_rate or 1.0
            unit = sale_line.price_total / sale_line.product_uom_qty / rate if sale_line.product_uom_qty else 0.0
            line.price_unit_company = unit
            line.amount = unit * line.product_uom_qty

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        if not self.env.su:
            notices = self.env["sales.dispatch.notice"].browse([vals.get("notice_id") for vals in vals_list])
            notices.exists()._dispatch_check_lines_open()
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS | DERIVED_FIELDS)
        if not self.env.su:
            self.notice_id._dispatch_check_lines_open()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.notice_id._dispatch_check_lines_open()
        return super().unlink()

    @api.model
    def _dispatch_remaining_by_sale_line(self, sale_lines, exclude_notices=None):
        """DG-1: {sale line id: quantity neither delivered nor on an open notice still to ship}.

        One aggregate over the open notice lines; the delivered quantities come from the order lines.
        """
        domain = [("sale_line_id", "in", sale_lines.ids), ("state", "in", OPEN_NOTICE_STATES)]
        if exclude_notices:
            domain.append(("notice_id", "not in", exclude_notices.ids))
        # Other salespeople's notices on the same order line count too, visible to the user or not.
        pending = {
            sale_line.id: quantity - shipped
            for sale_line, quantity, shipped in self.sudo()._read_group(
                domain, ["sale_line_id"], ["product_uom_qty:sum", "qty_shipped:sum"]
            )
        }
        return {
            line.id: max(line.product_uom_qty - line.qty_delivered - max(pending.get(line.id, 0.0), 0.0), 0.0)
            for line in sale_lines
            if not line.display_type and line.product_id.type == "consu"
        }

    @api.constrains("product_uom_qty", "sale_line_id")
    def _check_quantity(self):
        """DG-1: a notice cannot instruct more than the order still has to deliver."""
        for notice, lines in self.filtered(lambda rec: rec.state in OPEN_NOTICE_STATES).grouped("notice_id").items():
            remaining = self._dispatch_remaining_by_sale_line(lines.sale_line_id, exclude_notices=notice)
            for line in lines:
                if line.sale_line_id.order_id != notice.order_id:
                    raise ValidationError(
                        self.env._(
                            "Dispatch notice %(notice)s: the line %(product)s belongs to another order.",
                            notice=notice.name,
                            product=line.product_id.display_name,
                        )
                    )
                rounding = line.product_uom.rounding
                if (
                    float_compare(line.product_uom_qty, 0.0, precision_rounding=rounding) < 0
                    or float_compare(
                        line.product_uom_qty - line.qty_shipped,
                        remaining.get(line.sale_line_id.id, 0.0),
                        precision_rounding=rounding,
                    )
                    > 0
                ):
                    raise ValidationError(
                        self.env._(
                            "Dispatch notice %(notice)s: %(qty)s %(uom)s of %(product)s exceed what order %(order)s "
                            "still has to deliver outside other open notices (%(remaining)s). Reduce the quantity.",
                            notice=notice.name,
                            qty=line.product_uom_qty,
                            uom=line.product_uom.name,
                            product=line.product_id.display_name,
                            order=notice.order_id.name,
                            remaining=remaining.get(line.sale_line_id.id, 0.0),
                        )
                    )
