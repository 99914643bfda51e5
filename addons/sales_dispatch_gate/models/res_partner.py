# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _credit_instructed_not_shipped(self, company):
        """DG-4/CT-3: approved dispatch notices are the instructions; what they still have to ship counts.

        Where the company does not use dispatch notices yet, confirmed orders stay the instruction
        (sales_credit_tier). One aggregate query; the notices listed in the context key
        ``dispatch_exclude_notice_ids`` are left out (the notice being checked adds itself).
        """
        if not company.dispatch_control:
            return super()._credit_instructed_not_shipped(company)
        self.env["sales.dispatch.notice.line"].flush_model(
            ["notice_id", "product_uom_qty", "qty_shipped", "price_unit_company"]
        )
        self.env["sales.dispatch.notice"].flush_model(["commercial_partner_id", "company_id", "state"])
        exclude = tuple(self.env.context.get("dispatch_exclude_notice_ids") or [0])
        self.env.cr.execute(
            SQL(
                """
                SELECT notice.commercial_partner_id,
                       SUM(line.price_unit_company * GREATEST(line.product_uom_qty - COALESCE(line.qty_shipped, 0), 0))
                  FROM sales_dispatch_notice_line line
                  JOIN sales_dispatch_notice notice ON notice.id = line.notice_id
                 WHERE notice.commercial_partner_id IN %(partners)s
                   AND notice.company_id = %(company)s
                   AND notice.state = 'approved'
                   AND notice.id NOT IN %(exclude)s
                 GROUP BY notice.commercial_partner_id
                """,
                partners=tuple(self.ids),
                company=company.id,
                exclude=exclude,
            )
        )
        return {partner_id: amount or 0.0 for partner_id, amount in self.env.cr.fetchall()}
