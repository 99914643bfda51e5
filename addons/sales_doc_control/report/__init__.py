from . import authority_matrix_xlsx
from . import sale_report
