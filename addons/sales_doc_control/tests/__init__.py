from . import test_authority_matrix
from . import test_i18n
from . import test_roles
from . import test_violation
