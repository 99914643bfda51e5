/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// DG-7: the gate guard's screen. A keyboard-wedge scanner types the QR payload into the focused
// field and presses Enter; the guard types the plate read on the vehicle. Every decision is taken
// by the server (sales.gate.pass.gate_lookup / gate_release / gate_reject) as the logged-in guard.
import {Component, useRef, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useAutofocus, useService} from "@web/core/utils/hooks";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";

const MODEL = "sales.gate.pass";

export class GateGuardScreen extends Component {
    static template = "sales_dispatch_gate.GateGuardScreen";
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.scanRef = useAutofocus({refName: "scan"});
        this.plateRef = useRef("plate");
        this.state = useState({
            payload: "",
            plate: "",
            checked: null,
            result: null,
            reason: "",
            note: "",
            busy: false,
        });
        this.reasons = [
            ["mismatch", _t("Vehicle or goods do not match")],
            ["expired", _t("Expired")],
            ["used", _t("Already used")],
            ["not_approved", _t("Not approved")],
            ["unknown", _t("Unknown number")],
        ];
    }

    get canDecide() {
        return Boolean(this.state.result && this.state.result.ok && !this.state.result.released);
    }

    onScanKeydown(ev) {
        if (ev.key !== "Enter") {
            return;
        }
        ev.preventDefault();
        if (!this.state.plate.trim()) {
            this.plateRef.el.focus();
            return;
        }
        this.lookup();
    }

    onPlateKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            this.lookup();
        }
    }

    async call(method, args) {
        this.state.busy = true;
        try {
            return await this.orm.call(MODEL, method, args);
        } finally {
            this.state.busy = false;
        }
    }

    async lookup() {
        if (!this.state.payload.trim() || this.state.busy) {
            return;
        }
        this.state.checked = {payload: this.state.payload.trim(), plate: this.state.plate.trim()};
        this.state.result = await this.call("gate_lookup", [this.state.checked.payload, this.state.checked.plate]);
        this.state.reason = "";
        this.state.note = "";
        if (!this.state.result.ok) {
            this.next();
        }
    }

    async release() {
        const {payload, plate} = this.state.checked;
        this.state.result = await this.call("gate_release", [payload, plate]);
        this.next();
    }

    async reject() {
        if (!this.state.reason) {
            return;
        }
        const {payload, plate} = this.state.checked;
        this.state.result = await this.call("gate_reject", [payload, plate, this.state.reason, this.state.note]);
        this.next();
    }

    next() {
        // Ready for the next vehicle: the outcome stays on screen, the scan field takes the next code.
        this.state.payload = "";
        this.state.plate = "";
        this.scanRef.el.focus();
    }
}

registry.category("actions").add("sales_dispatch_gate.gate_guard_screen", GateGuardScreen);
