# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Archive for Dispatch",
    "summary": "Retention, deletion guard and access requests for deliveries, dispatch notices and delivery receipts",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/sales-control-suite/sales-control-suite",
    "author": "Sales Control Suite",
    "license": "AGPL-3",
    "depends": ["sales_archive_lending", "sales_dispatch_gate"],
    "data": [
        "security/sales_archive_dispatch_security.xml",
        "security/ir.model.access.csv",
    ],
    "auto_install": True,
}
