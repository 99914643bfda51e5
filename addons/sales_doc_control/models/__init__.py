from . import res_config_settings
from . import sales_authority_matter
from . import sales_violation_rule
from . import sales_violation
from . import tier_definition
