# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sales_credit_decision import CREDIT_GRADES


class CrmLead(models.Model):
    """CT-10: prospect data (潜在客户基本资料表) and the development plan a lead belongs to."""

    _inherit = "crm.lead"

    prospect_scale = fields.Selection(
        selection=[("large", "Large"), ("medium", "Medium"), ("small", "Small")],
    )
    prospect_product_needs = fields.Text(string="Product Needs")
    prospect_current_suppliers = fields.Text(
        string="Current Suppliers",
        help="Who supplies the prospect today, with their product quality, price and how long they have supplied.",
    )
    development_plan_id = fields.Many2one("sales.development.plan", index=True)
    prospect_credit_grade = fields.Selection(
        CREDIT_GRADES,
        string="Proposed Credit Grade",
        help="The grade the salesperson proposes for the credit application opened when the lead becomes a "
        "customer. Without a proposal the application asks for grade C (cash only).",
    )
    prospect_credit_limit = fields.Monetary(
        string="Proposed Credit Limit",
        currency_field="company_currency",
        help="Credit limit asked for a proposed grade B customer.",
    )
    prospect_payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Initial Payment Term",
        help="Payment term of the first orders; without one the application asks for immediate payment.",
    )

    def _handle_partner_assignment(self, force_partner_id=False, create_missing=True):
        res = super()._handle_partner_assignment(force_partner_id=force_partner_id, create_missing=create_missing)
        self._credit_open_applications()
        return res

    def _credit_open_applications(self):
        """CT-10: a lead that becomes a customer opens the CT-5 credit application of that customer.

        The draft application carries the prospect data, the proposed grade and the initial payment
        term. Only ungraded customers without any credit application get one, so converting again
        (or converting a second lead of the same customer) creates nothing twice.
        """
        leads = self.filtered(lambda lead: lead.partner_id and not lead.partner_id.commercial_partner_id.credit_grade)
        customers = leads.partner_id.commercial_partner_id
        if not customers:
            return
        Application = self.env["sales.credit.application"]
        # Superuser: a specialist's record rules hide other salespeople's applications, but any
        # existing application of the customer makes the conversion create nothing; one grouped query.
        existing = Application.sudo()._read_group([("partner_id", "in", customers.ids)], ["partner_id"])
        done = {partner.id for [partner] in existing}
        immediate = self.env.ref("account.account_payment_term_immediate", raise_if_not_found=False)
        vals_list = []
        for lead in leads:
            customer = lead.partner_id.commercial_partner_id
            if customer.id in done:
                continue
            done.add(customer.id)
            grade = lead.prospect_credit_grade or "c"
            vals_list.append(
                {
                    "partner_id": customer.id,
                    "company_id": (lead.company_id or self.env.company).id,
                    "user_id": (lead.user_id or self.env.user).id,
                    "requested_grade": grade,
                    "requested_limit": lead.prospect_credit_limit if grade in ("a", "b") else 0.0,
                    "requested_payment_term_id": (lead.prospect_payment_term_id or immediate).id,
                    "customer_scale": lead.prospect_scale,
                    "justification": self.env._(
                        "New customer converted from lead %(lead)s.\nProduct needs: %(needs)s\n"
                        "Current suppliers: %(suppliers)s",
                        lead=lead.name,
                        needs=lead.prospect_product_needs or "-",
                        suppliers=lead.prospect_current_suppliers or "-",
                    ),
                }
            )
        Application.create(vals_list)
