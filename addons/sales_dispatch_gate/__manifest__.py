# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Dispatch Gate",
    "summary": "Dispatch notices with finance review and credit routing, the picking guard, gate passes "
    "and the gate check, delivery receipts and logistics tracking",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/sales-control-suite/sales-control-suite",
    "author": "Sales Control Suite",
    "license": "AGPL-3",
    "depends": ["sales_credit_tier", "sale_stock", "report_xlsx"],
    "data": [
        "security/sales_dispatch_gate_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/sales_dispatch_type_data.xml",
        "data/tier_definition_data.xml",
        "data/sales_document_type_data.xml",
        "data/ir_cron_data.xml",
        "views/sales_dispatch_menus.xml",
        "views/sales_dispatch_notice_views.xml",
        "views/sales_dispatch_type_views.xml",
        "views/sale_order_views.xml",
        "views/sales_gate_pass_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/sales_dispatch_demo.xml"],
    "assets": {
        "web.assets_tests": ["sales_dispatch_gate/static/tests/tours/*.js"],
    },
}
