from . import test_authority_matrix
from . import test_contract
from . import test_contract_review
from . import test_document_register
from . import test_i18n
from . import test_quotation_approval
from . import test_roles
from . import test_violation
