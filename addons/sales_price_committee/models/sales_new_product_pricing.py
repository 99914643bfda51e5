# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

MANAGER_GROUP = "sales_doc_control.group_sales_manager"
# Set by the approval, the cancellation and the volume job only.
WORKFLOW_FIELDS = ("state", "provisional_price", "approval_date", "committee_due")


class SalesNewProductPricing(models.Model):
    """PC-4: new-product pricing (新产品定价流程): sales manager, then general manager.

    Approval sets a provisional price; when the product's sales volume reaches the
    company's threshold it goes on the price committee's agenda to enter the base table.
    """

    _name = "sales.new.product.pricing"
    _description = "New-Product Pricing"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    product_id = fields.Many2one("product.product", required=True, tracking=True, index=True)
    uom_id = fields.Many2one(
        "uom.uom", string="Unit", compute="_compute_uom_id", store=True, readonly=False, precompute=True, required=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Proposed By", default=lambda self: self.env.user, tracking=True)
    cost_estimate = fields.Monetary(string="Finance Cost Estimate", tracking=True)
    production_opinion = fields.Text()
    market_information = fields.Text()
    proposed_price = fields.Monetary(required=True, tracking=True)
    provisional_price = fields.Monetary(readonly=True, copy=False, tracking=True)
    approval_date = fields.Date(readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("approved", "Approved"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    sold_qty_month = fields.Float(
        string="Sold in the Last 30 Days", compute="_compute_sold_qty", digits="Product Unit of Measure"
    )
    sold_qty_total = fields.Float(string="Sold in Total", compute="_compute_sold_qty", digits="Product Unit of Measure")
    committee_due = fields.Boolean(
        string="On the Committee's Agenda",
        readonly=True,
        copy=False,
        tracking=True,
        help="The sales volume reached the threshold: the price committee sets its base price and authority band.",
    )

    @api.depends("product_id")
    def _compute_uom_id(self):
        for pricing in self:
            pricing.uom_id = pricing.product_id.uom_id or pricing.uom_id

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.new.product.pricing") or "/"
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            approved = self.filtered(lambda pricing: pricing.state == "approved")
            if approved:
                raise UserError(
                    self.env._(
                        "New-product pricing %(ref)s is approved and kept unchanged. "
                        "Propose a base price adjustment to change its price.",
                        ref=approved[0].name,
                    )
                )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._check_unlink_not_approved()
        return super().unlink()

    def _check_unlink_not_approved(self):
        for pricing in self:
            if pricing.state == "approved":
                raise UserError(
                    self.env._("New-product pricing %(ref)s is approved and kept. Cancel it instead.", ref=pricing.name)
                )

    def action_approve(self):
        """PC-4: once the sales manager and the general manager approved, the proposed price
        becomes the product's provisional price (tier validation refuses it before)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only the sales manager or the general manager may approve new-product pricing %(ref)s.",
                    ref=", ".join(self.mapped("name")),
                )
            )
        for pricing in self:
            # sudo: the workflow sets the status and the provisional price (refused to direct writes);
            # tier validation still checks the reviews as the approving user.
            pricing.sudo().write(
                {
                    "state": "approved",
                    "provisional_price": pricing.proposed_price,
                    "approval_date": fields.Date.context_today(pricing),
                }
            )

    def action_cancel(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only the sales manager may cancel new-product pricing %(ref)s.", ref=", ".join(self.mapped("name"))
                )
            )
        # sudo: the status is set by the workflow only, after the role check above.
        self.sudo().write({"state": "cancel"})

    def _price_in(self, uom, currency, company, date):
        """PC-3: the provisional price per ``uom`` in ``currency`` at ``date``."""
        self.ensure_one()
        price = self.uom_id._compute_price(self.provisional_price, uom) if uom else self.provisional_price
        return self.currency_id._convert(price, currency, company, date)

    def _sold_quantities(self, now=None):
        """PC-4: {pricing: (last 30 days, cumulative)} in each pricing's unit.

        Two grouped queries for all pricings, whatever their number.
        """
        now = now or fields.Datetime.now()
        base_domain = [
            ("product_id", "in", self.product_id.ids),
            ("company_id", "in", self.company_id.ids),
            ("state", "=", "sale"),
        ]
        periods = {}
        for period, domain in (
            ("total", base_domain),
            ("month", base_domain + [("order_id.date_order", ">=", now - timedelta(days=30))]),
        ):
            # sudo: the volume counts every salesperson's confirmed orders; only sums are read.
            for product, uom, company, qty in (
                self.env["sale.order.line"]
                .sudo()
                ._read_group(domain, ["product_id", "product_uom", "company_id"], ["product_uom_qty:sum"])
            ):
                periods.setdefault((period, product, company), []).append((uom, qty))
        result = {}
        for pricing in self:
            month, total = (
                sum(
                    uom._compute_quantity(qty, pricing.uom_id, round=False)
                    for uom, qty in periods.get((period, pricing.product_id, pricing.company_id), [])
                )
                for period in ("month", "total")
            )
            result[pricing] = (month, total)
        return result

    def _compute_sold_qty(self):
        quantities = self._sold_quantities()
        for pricing in self:
            pricing.sold_qty_month, pricing.sold_qty_total = quantities[pricing]

    @api.model
    def _cron_check_volume_threshold(self, now=None):
        """PC-4: put approved new products past the volume threshold on the committee's agenda.

        Idempotent: a product already on the agenda is not added again.
        """
        pricings = self.search([("state", "=", "approved"), ("committee_due", "=", False)])
        quantities = pricings._sold_quantities(now)
        due = pricings.filtered(
            lambda p: quantities[p][0] >= p.company_id.sales_new_product_monthly_qty
            or quantities[p][1] >= p.company_id.sales_new_product_total_qty
        )
        due.write({"committee_due": True})
        for company in due.company_id:
            session = self.env["sales.price.committee.session"]._get_next_session(company)
            session._add_to_agenda(due.filtered(lambda p, company=company: p.company_id == company))
        return due
