# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

from ..models.sale_order import CONTRACT, QUOTATION


class PaymentLinkWizard(models.TransientModel):
    _inherit = "payment.link.wizard"

    def _prepare_query_params(self, related_document):
        """DC-3/DC-4: no payment link for a quotation before it is approved (its payment would be
        refused). Every link of the wizard is built here, so the salesperson is told on opening it."""
        if self.res_model == "sale.order" and related_document._sales_payment_awaits_approval():
            steps = related_document._sales_pending_step_names((QUOTATION, CONTRACT))
            raise UserError(
                self.env._(
                    "Quotation %(name)s is awaiting internal approval (step “%(step)s”): it can be paid once it is "
                    "approved. Click “Request Validation”, wait for the approvers to decide, then generate the "
                    "payment link.",
                    name=related_document.name,
                    step=steps[0] if steps else "",
                )
            )
        return super()._prepare_query_params(related_document)
