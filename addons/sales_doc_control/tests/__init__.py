from . import test_approval_deadlines
from . import test_authority_matrix
from . import test_contract
from . import test_contract_review
from . import test_customer_information
from . import test_document_register
from . import test_i18n
from . import test_order_intake
from . import test_portal_approval
from . import test_quotation_approval
from . import test_roles
from . import test_violation
from . import test_review_integrity
from . import test_approved_terms
from . import test_confirmation_paths
from . import test_review_policy
from . import test_violation_outcome
from . import test_uninstall
from . import test_order_tracking_record
<<<<<<< HEAD
from . import test_record_confidentiality
=======
from . import test_invoice_register
>>>>>>> b_inv
