# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"
    _sales_retention_trigger_fields = ("active", "sales_relationship_end")

    sales_relationship_end = fields.Date(
        string="Relationship Ended",
        tracking=True,
        help="Day the business with this customer ended; the credit file is kept from then on. "
        "Set when the customer is archived.",
    )

    def _sales_retention_trigger_dates(self):
        """AL-1: a customer's credit file runs from the end of the relationship."""
        return {
            partner.id: {"relationship_end": partner.sales_relationship_end}
            for partner in self
            if partner.sales_relationship_end
        }

    def write(self, vals):
        if vals.get("active") is False and "sales_relationship_end" not in vals:
            # Archiving a customer ends the relationship unless a date is given.
            vals = dict(vals, sales_relationship_end=fields.Date.context_today(self))
        elif vals.get("active") is True and "sales_relationship_end" not in vals:
            vals = dict(vals, sales_relationship_end=False)
        return super().write(vals)

    def unlink(self):
        """AL-2: checked before mail.thread's unlink, which deletes the chatter first."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
