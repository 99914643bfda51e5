# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

QUALITY_GROUP = "sales_doc_control.group_sales_quality_inspector"
WAREHOUSE_GROUP = "sales_doc_control.group_sales_warehouse_keeper"


class SalesDeliveryReceiptProblem(models.Model):
    """DG-8: a problem the customer reported on the delivery receipt, and where it was routed."""

    _name = "sales.delivery.receipt.problem"
    _description = "Delivery Receipt Problem"
    _order = "receipt_id, id"

    receipt_id = fields.Many2one("sales.delivery.receipt", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="receipt_id.company_id", store=True)
    kind = fields.Selection(
        [("quality", "Quality"), ("quantity", "Quantity Difference"), ("other", "Other")],
        required=True,
        default="quality",
    )
    product_id = fields.Many2one("product.product")
    description = fields.Text(required=True)
    routed_to = fields.Selection(
        [
            ("feedback", "Customer Feedback"),
            ("quality", "Quality"),
            ("warehouse", "Warehouse"),
            ("sales", "Salesperson"),
        ],
        readonly=True,
        copy=False,
    )
    feedback_ref = fields.Char(string="Feedback", readonly=True, copy=False)

    def write(self, vals):
        if any(problem.receipt_id.state == "confirmed" for problem in self) and set(vals) - {
            "routed_to",
            "feedback_ref",
        }:
            raise UserError(self.env._("The problems of a confirmed delivery receipt are kept as reported."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(problem.receipt_id.state == "confirmed" for problem in self):
            raise UserError(self.env._("The problems of a confirmed delivery receipt are kept as reported."))

    def _receipt_route(self):
        """DG-8: quality → customer feedback (sales_after_service) or Quality; quantity → warehouse."""
        for problem in self:
            receipt = problem.receipt_id
            if problem.kind == "quality" and "sales.feedback" in self.env:
                problem.write(problem._receipt_create_feedback())
            elif problem.kind == "quality":
                problem._receipt_notify_group(QUALITY_GROUP)
                problem.write({"routed_to": "quality"})
            elif problem.kind == "quantity":
                problem._receipt_notify_group(WAREHOUSE_GROUP)
                problem.write({"routed_to": "warehouse"})
            elif receipt.user_id:
                receipt.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=receipt.user_id.id,
                    summary=problem._receipt_summary(),
                    note=problem.description,
                )
                problem.write({"routed_to": "sales"})

    def _receipt_summary(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        return self.env._(
            "%(kind)s problem reported on delivery receipt %(receipt)s",
            kind=labels[self.kind],
            receipt=self.receipt_id.name,
        )

    def _receipt_create_feedback(self):
        """Quality complaints go to the after-sales feedback of sales_after_service when it is installed."""
        receipt = self.receipt_id
        feedback_model = self.env["sales.feedback"]
        values = {
            "partner_id": receipt.partner_id.id,
            "description": self.description,
        }
        optional = {
            "order_id": receipt.order_id.id,
            "picking_id": receipt.picking_id.id,
            "product_id": self.product_id.id,
            "feedback_type": "quality",
            "user_id": receipt.user_id.id,
            "company_id": receipt.company_id.id,
        }
        values.update({name: value for name, value in optional.items() if name in feedback_model._fields})
        # The after-sales feedback is opened by the system for the receipt's recorder, whatever their rights on it.
        feedback = feedback_model.sudo().create(values)
        return {"routed_to": "feedback", "feedback_ref": feedback.display_name}

    def _receipt_notify_group(self, group):
        receipt = self.receipt_id
        users = self.env.ref(group).users.filtered(
            lambda u: u.active and not u._is_superuser() and receipt.company_id in u.company_ids
        )
        for user in users:
            receipt.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self._receipt_summary(),
                note=self.description,
            )
