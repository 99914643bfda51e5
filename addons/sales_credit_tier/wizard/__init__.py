from . import sales_credit_master
