from . import sales_price_table_compare
