/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// DG-7 / X-8: at the gate, the guard scans a pass with a keyboard-wedge scanner (characters then
// Enter), types the vehicle's plate, sees the goods and releases them; a second scan of the same
// pass is refused; a second pass is rejected by the guard. The passes are issued by the Python
// test, which hands their codes over in cookies (a signature cannot be known in advance).
import {registry} from "@web/core/registry";

function cookie(name) {
    const found = document.cookie.split("; ").find((item) => item.startsWith(`${name}=`));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

function scan(payload, plate) {
    return [
        {
            content: "Scan the gate pass (the scanner types the code, then Enter)",
            trigger: ".o_gate_scan",
            run: `edit ${payload}`,
        },
        {
            content: "The scanner ends with Enter",
            trigger: ".o_gate_scan",
            run: "press Enter",
        },
        {
            content: "Type the plate read on the vehicle",
            trigger: ".o_gate_plate:focus",
            run: `edit ${plate}`,
        },
        {
            content: "Check the pass",
            trigger: ".o_gate_plate",
            run: "press Enter",
        },
    ];
}

registry.category("web_tour.tours").add("sales_dispatch_gate_guard_tour", {
    steps: () => {
        const released = cookie("sdg_tour_released");
        const rejected = cookie("sdg_tour_rejected");
        const plate = cookie("sdg_tour_plate");
        return [
            ...scan(released, plate),
            {
                content: "The goods of the pass are listed",
                trigger: ".o_gate_pass_card .o_gate_line:contains('Nylon FDY 70D')",
            },
            {
                content: "The approved dispatch notice is shown beside the pass",
                trigger: ".o_gate_notice .o_gate_notice_name:contains('FH/')",
            },
            {
                content: "Release the goods",
                trigger: ".o_gate_decision .o_gate_release",
                run: "click",
            },
            {
                content: "The pass is released",
                trigger: ".o_gate_outcome_ok ~ .o_gate_pass_card .o_gate_pass_state:contains('Released')",
            },
            {
                content: "The scan field is ready for the next vehicle",
                trigger: ".o_gate_scan:focus",
            },
            ...scan(released, plate),
            {
                content: "A pass lets goods out once",
                trigger: ".o_gate_outcome_refused .o_gate_reason_label:contains('Already Used')",
            },
            ...scan(rejected, plate),
            {
                content: "The second pass is valid",
                trigger: ".o_gate_decision .o_gate_release",
            },
            {
                content: "The load does not match the pass",
                trigger: ".o_gate_decision select.o_gate_reject_reason",
                run: "select mismatch",
            },
            {
                content: "Say what the guard saw",
                trigger: ".o_gate_decision .o_gate_reject_note",
                run: "edit Two pallets more than listed",
            },
            {
                content: "Reject the pass",
                trigger: ".o_gate_decision .o_gate_reject:enabled",
                run: "click",
            },
            {
                content: "The pass is refused and the shipment put on hold",
                trigger: ".o_gate_outcome_refused .o_gate_reason_label:contains('Mismatch')",
            },
        ];
    },
});
