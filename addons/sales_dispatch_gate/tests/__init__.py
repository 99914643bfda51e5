# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_dispatch_notice
from . import test_dispatch_concurrency
from . import test_dispatch_emergency
from . import test_dispatch_tour
from . import test_i18n
from . import test_picking_validation
from . import test_delivery_note
from . import test_delivery_receipt
from . import test_logistics
from . import test_shipment_register
from . import test_dispatch_reports
from . import test_gate_pass
from . import test_gate_tour
from . import test_gate_concurrency
from . import test_gate_guard_roles
from . import test_workflow_fields
from . import test_confidential_orders
