# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_dispatch_notice
from . import test_gate_pass
from . import test_gate_tour
