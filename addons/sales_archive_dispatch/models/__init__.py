# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import stock_picking
from . import sales_dispatch_notice
from . import sales_delivery_receipt
