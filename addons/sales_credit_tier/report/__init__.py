from . import credit_master_xlsx
