# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_retention
from . import test_deletion_guard
from . import test_access_request
from . import test_disposal
from . import test_paper_archive
from . import test_lending
from . import test_lending_tour
from . import test_backup_docs
from . import test_i18n
from . import test_deletion_guard_kinds
