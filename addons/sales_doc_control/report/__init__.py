from . import authority_matrix_xlsx
