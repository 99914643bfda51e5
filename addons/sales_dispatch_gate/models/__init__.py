# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import res_partner
from . import tier_definition
from . import sales_dispatch_type
from . import sales_dispatch_notice
from . import sales_dispatch_notice_line
from . import sale_order
from . import sales_gate_pass
from . import sales_gate_pass_line
from . import sales_gate_check
from . import sales_gate_exception
