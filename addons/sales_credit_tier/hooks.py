# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools.sql import drop_index

from .models.account_move_line import OPEN_ITEMS_INDEX


def uninstall_hook(env):
    """The open items index is created in SQL (CT-3), so Odoo does not drop it by itself."""
    drop_index(env.cr, OPEN_ITEMS_INDEX, "account_move_line")
