# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_shipment_retention
from . import test_shipment_access
from . import test_i18n
