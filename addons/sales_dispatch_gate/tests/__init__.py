# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_dispatch_notice
from . import test_dispatch_concurrency
from . import test_dispatch_emergency
from . import test_dispatch_tour
from . import test_i18n
