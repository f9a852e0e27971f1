/*
 * Live pages (wallboard, live tables): holds the tenant's live state as the server pushes it and
 * writes it into the page. The server sends a full state (GET data-snapshot) and then deltas over the
 * OmniFaces socket: {type:"delta", from, to, queues:{key:{field:value}}, members, callers,
 * removed:{section:[keys]}}. A delta applies only to the version it starts from; anything else means
 * a missed message and the whole state is loaded again. Values are written with textContent only.
 *
 * Reconnecting: OmniFaces retries once at once; after that this script retries with exponential
 * backoff (0.5 s doubling to 30 s, with jitter) and loads the whole state on every (re)open.
 * A closed view or session (the server says "Expired" or "Unknown channel", or the snapshot answers
 * with the login page) reloads the page. A calm board (data-interval) redraws at most that often.
 */
window.QueueLens = window.QueueLens || {};
QueueLens.live = (function () {
    "use strict";
    var CHANNEL = "live";
    var root, status, state = null, version = -1, offset = 0, loading = false;
    var attempts = 0, retryTimer = null, intervalMs = 0, dirty = false, lastDraw = 0, drawTimer = null;
    var keepAliveTimer = null, pending = [];

    function el(id) { return document.getElementById(id); }

    function setup() {
        if (root) { return true; }
        root = el("live");
        if (!root) { return false; }
        status = el("live-status");
        intervalMs = parseInt(root.getAttribute("data-interval") || "0", 10) || 0;
        var board = el("board");
        if (board && board.getAttribute("data-tv") === "true") { document.body.classList.add("ql-tv"); }
        setupDragAndDrop(board);
        setInterval(function () { if (state) { drawWaits(); } }, 1000);
        // a wallboard nobody touches: keep its session (and so its socket) alive, and check the state
        keepAliveTimer = setInterval(function () { load(); }, 5 * 60 * 1000);
        return true;
    }

    function indicator(kind, seconds) {
        var text = root.getAttribute("data-text-" + kind) || kind;
        if (seconds) { text = text + " (" + seconds + " s)"; }
        status.textContent = text;
        status.className = "ql-live-status ql-live-" + kind;
        root.setAttribute("data-state", kind);
    }

    function load() {
        if (loading) { return; }
        loading = true;
        var asked = Date.now();
        fetch(root.getAttribute("data-snapshot"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
            .then(function (r) {
                var type = r.headers.get("Content-Type") || "";
                if (r.status === 401 || r.status === 403 || r.redirected || type.indexOf("json") < 0) {
                    throw {session: true};
                }
                return r.json();
            })
            .then(function (full) {
                loading = false;
                offset = full.now - (asked + Date.now()) / 2;
                state = {queues: full.queues, members: full.members, callers: full.callers, connected: full.connected};
                version = full.version;
                root.setAttribute("data-version", String(version));
                root.setAttribute("data-full-loads", String(parseInt(root.getAttribute("data-full-loads"), 10) + 1));
                var early = pending;
                pending = [];
                early.forEach(function (d) { if (d.from === version) { accept(d); } });
                showConnected();
                draw(true);
            })
            .catch(function (e) {
                loading = false;
                if (e && e.session) { expired(); }
            });
    }

    function showConnected() {
        indicator("live");
        // the socket is fine but the PBX is not: the figures are the last known ones
        var down = state && state.connected === false;
        var pbx = el("live-pbx");
        pbx.hidden = !down;
        root.setAttribute("data-pbx", down ? "down" : "up");
    }

    function apply(d) {
        ["queues", "members", "callers"].forEach(function (section) {
            var changed = d[section];
            if (changed) {
                Object.keys(changed).forEach(function (key) {
                    var entry = state[section][key] || (state[section][key] = {});
                    var fields = changed[key];
                    Object.keys(fields).forEach(function (f) { entry[f] = fields[f]; });
                });
            }
            if (d.removed && d.removed[section]) {
                d.removed[section].forEach(function (key) { delete state[section][key]; });
            }
        });
        state.connected = d.connected;
    }

    /* Socket callbacks (OmniFaces <o:socket>). */
    function opened() {
        if (!setup()) { return; }
        attempts = 0;
        load();
    }

    function message(m) {
        if (!setup()) { return; }
        var d = typeof m === "string" ? JSON.parse(m) : m;
        if (d.type !== "delta") { return; }
        if (loading) { pending.push(d); return; } // may continue the state being loaded
        if (!state) { return; }
        if (d.from !== version) {
            if (d.to > version) { load(); } // a gap: start again from the whole state
            return;
        }
        accept(d);
    }

    function accept(d) {
        apply(d);
        version = d.to;
        offset = d.now - Date.now();
        root.setAttribute("data-version", String(version));
        showConnected();
        dirty = true;
        scheduleDraw();
    }

    function failed() {
        if (!setup()) { return; }
        indicator("reconnecting");
        // OmniFaces reopens at once (its timer is already set); forget its own attempt count first, so
        // that a successful reopen calls opened() and a failed one closed(), where the backoff is ours.
        setTimeout(function () { OmniFaces.Push.close(CHANNEL); }, 0);
    }

    function closed(code, channel, event) {
        if (!setup()) { return; }
        var reason = event && event.reason;
        if (reason === "Expired" || reason === "Unknown channel" || code === 1008) {
            expired();
            return;
        }
        var delay = Math.min(30000, 500 * Math.pow(2, attempts++));
        delay = Math.round(delay / 2 + Math.random() * delay / 2);
        indicator("reconnecting", Math.ceil(delay / 1000));
        clearTimeout(retryTimer);
        retryTimer = setTimeout(function () { OmniFaces.Push.open(CHANNEL); }, delay);
    }

    function expired() {
        indicator("expired");
        setTimeout(function () { window.location.reload(); }, 3000);
    }

    /* Drawing. */
    function scheduleDraw() {
        if (drawTimer) { return; }
        var wait = Math.max(0, lastDraw + intervalMs - Date.now());
        drawTimer = setTimeout(function () { drawTimer = null; draw(false); }, wait);
    }

    function draw(force) {
        if (!state || (!dirty && !force)) { return; }
        dirty = false;
        lastDraw = Date.now();
        drawCards();
        drawTables();
    }

    function drawWaits() {
        // waits grow every second without a push; a calm board still redraws only at its pace
        if (Date.now() - lastDraw >= Math.max(intervalMs, 1000)) { draw(true); }
    }

    function serverNow() { return Date.now() + offset; }

    function value(entry, fig) {
        if (!entry) { return null; }
        if (fig === "longestWait") {
            return entry.longestSince == null ? (entry.waiting === 0 ? 0 : null)
                : Math.max(0, Math.floor((serverNow() - entry.longestSince) / 1000));
        }
        var v = entry[fig];
        return v === undefined ? null : v;
    }

    /* Numbers in the page's language (<html lang>, set from the user's locale), made once. */
    var numberFormats = null;
    function numbers() {
        if (!numberFormats) {
            var lang = document.documentElement.getAttribute("lang") || undefined;
            try {
                numberFormats = { whole: new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }),
                    percent: new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) };
            } catch (e) {
                numberFormats = { whole: new Intl.NumberFormat(), percent: new Intl.NumberFormat(undefined,
                    { minimumFractionDigits: 1, maximumFractionDigits: 1 }) };
            }
        }
        return numberFormats;
    }

    function format(v, unit) {
        if (v === null || v === undefined) { return "\u2014"; }
        if (unit === "percent") { return numbers().percent.format(v) + " %"; }
        if (unit === "seconds") { return duration(v); }
        return numbers().whole.format(Math.round(v));
    }

    function duration(seconds) {
        var s = Math.max(0, Math.round(seconds));
        var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
        var mm = (h > 0 && m < 10 ? "0" : "") + m, ss = (r < 10 ? "0" : "") + r;
        return (h > 0 ? h + ":" : "") + mm + ":" + ss;
    }

    function colour(v, limits, highIsBad) {
        if (v === null || !limits) { return ""; }
        var yellow = limits[0], red = limits[1];
        if (highIsBad) { return v >= red ? "red" : v >= yellow ? "yellow" : "green"; }
        return v <= red ? "red" : v <= yellow ? "yellow" : "green";
    }

    function drawCards() {
        var cards = document.querySelectorAll(".ql-card");
        for (var i = 0; i < cards.length; i++) {
            var card = cards[i];
            var entry = state.queues[card.getAttribute("data-group")];
            var thresholds = JSON.parse(card.getAttribute("data-thresholds") || "{}");
            var figs = card.querySelectorAll(".ql-fig");
            for (var j = 0; j < figs.length; j++) {
                var f = figs[j], key = f.getAttribute("data-fig");
                var v = value(entry, key);
                var out = f.querySelector(".ql-fig-value");
                var text = format(v, f.getAttribute("data-unit"));
                if (out.textContent !== text) { out.textContent = text; }
                var c = colour(v, thresholds[key], f.getAttribute("data-high-bad") === "true");
                f.className = "ql-fig" + (c ? " ql-" + c : "");
            }
        }
    }

    function drawTables() {
        var tables = document.querySelectorAll(".ql-live-table");
        for (var i = 0; i < tables.length; i++) {
            drawTable(tables[i]);
        }
    }

    function stateLabel(s) {
        var labels = el("state-labels");
        return (labels && labels.getAttribute("data-" + String(s).toLowerCase())) || s;
    }

    function cell(section, key, entry, col) {
        switch (col) {
            case "key": return entry.displayName || key; // the display name; the key stays the row's data-key
            case "callQueue": return entry.callQueueName || entry.callQueue || "";
            case "queue": return entry.queueName || entry.queue || "";
            case "longestWait": return format(value(entry, "longestWait"), "seconds");
            case "since": return duration((serverNow() - entry.since) / 1000);
            case "state": return stateLabel(entry.state);
            default:
                if (entry[col] === null || entry[col] === undefined) { return ""; }
                return typeof entry[col] === "number" ? numbers().whole.format(entry[col]) : String(entry[col]);
        }
    }

    function drawTable(table) {
        var section = table.getAttribute("data-section");
        var heads = table.querySelectorAll("th");
        var cols = Array.prototype.map.call(heads, function (th) { return th.getAttribute("data-col"); });
        var entries = state[section];
        var keys = Object.keys(entries).filter(function (k) {
            return section !== "queues" || (k !== "*" && k.indexOf(",") < 0); // groups are for cards
        });
        keys.sort(function (a, b) {
            if (section === "callers") {
                var x = entries[a], y = entries[b];
                return x.queue < y.queue ? -1 : x.queue > y.queue ? 1 : x.position - y.position;
            }
            return a < b ? -1 : a > b ? 1 : 0;
        });
        var body = table.tBodies[0];
        var rows = body.rows;
        for (var r = 0; r < keys.length; r++) {
            var row = rows[r];
            if (!row) {
                row = body.insertRow();
                for (var k = 0; k < cols.length; k++) {
                    row.insertCell().className = "col-" + cols[k] + (heads[k].classList.contains("ql-num") ? " ql-num" : "");
                }
            }
            row.setAttribute("data-key", keys[r]);
            var entry = entries[keys[r]];
            for (var c = 0; c < cols.length; c++) {
                var text = cell(section, keys[r], entry, cols[c]);
                if (row.cells[c].textContent !== text) { row.cells[c].textContent = text; }
            }
            if (section === "members") { row.className = "ql-state-" + entry.state; }
        }
        while (body.rows.length > keys.length) { body.deleteRow(-1); }
    }

    /* Board layout by drag and drop: the new order goes into the editor's hidden field for Save. */
    function setupDragAndDrop(board) {
        var order = el("editor:order");
        if (!board || !order) { return; }
        var dragged = null;
        board.addEventListener("dragstart", function (e) {
            dragged = e.target.closest(".ql-card");
            if (dragged) { e.dataTransfer.effectAllowed = "move"; dragged.classList.add("ql-dragging"); }
        });
        board.addEventListener("dragover", function (e) { if (dragged) { e.preventDefault(); } });
        board.addEventListener("drop", function (e) {
            var target = e.target.closest(".ql-card");
            if (!dragged || !target || target === dragged) { return; }
            e.preventDefault();
            var cards = Array.prototype.slice.call(board.querySelectorAll(".ql-card"));
            board.insertBefore(dragged, cards.indexOf(dragged) < cards.indexOf(target) ? target.nextSibling : target);
            order.value = Array.prototype.map.call(board.querySelectorAll(".ql-card"),
                function (c) { return c.getAttribute("data-index"); }).join(",");
        });
        board.addEventListener("dragend", function () {
            if (dragged) { dragged.classList.remove("ql-dragging"); }
            dragged = null;
        });
    }

    function fullscreen() {
        document.body.classList.add("ql-tv");
        var board = el("board");
        if (board) { board.classList.add("ql-board-tv"); }
        if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
    }

    return {opened: opened, message: message, failed: failed, closed: closed, fullscreen: fullscreen,
        version: function () { return version; }};
})();
