# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL
from odoo.tools.sql import index_exists

# Dropped by the module's uninstall hook.
OPEN_ITEMS_INDEX = "account_move_line_sales_credit_open_items_idx"


class AccountMoveLine(models.Model):
    """CT-3: the index behind a customer's open receivables."""

    _inherit = "account.move.line"

    def init(self):
        """CT-3/X-7: a covering partial index for ``res.partner._credit_receivables``.

        It holds only the open items (posted, not reconciled, a residual left: lines of
        accounts that are not reconcilable always have a zero residual), with the columns the
        exposure sums, so reading a customer's exposure is an index-only scan over that
        customer's open items, however many paid or income lines the ledger holds.
        """
        res = super().init()
        if not index_exists(self.env.cr, OPEN_ITEMS_INDEX):
            self.env.cr.execute(
                SQL(
                    """
                    CREATE INDEX %s ON account_move_line (partner_id, account_id)
                           INCLUDE (company_id, amount_residual, date_maturity)
                     WHERE parent_state = 'posted' AND NOT reconciled AND amount_residual <> 0
                    """,
                    SQL.identifier(OPEN_ITEMS_INDEX),
                )
            )
        return res
