# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SalesViolation(models.Model):
    _inherit = "sales.violation"

    @api.model
    def _violation_document_models(self):
        return super()._violation_document_models() + ["sales.phone.authorization"]
