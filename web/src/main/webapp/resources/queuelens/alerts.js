/* Alert toasts (alerts component): each push on the "alerts" socket is one notice (FIRING, REPEAT or
   RESOLVED) the server sent only to users who see its queues. Shown as a toast with a link to the alerts page;
   critical and warning toasts stay until closed, others go after 30 s. Text only (textContent): a rule's name
   is user input. window.QueueLens.alerts.received keeps the last notices (incident, kind, times) for tests
   and the latency benchmark. */
(function () {
    "use strict";
    var QL = window.QueueLens = window.QueueLens || {};
    var labels = null;

    function label(key, fallback) {
        if (labels === null) {
            var c = document.getElementById("ql-toasts");
            try { labels = JSON.parse((c && c.getAttribute("data-labels")) || "{}"); } catch (e) { labels = {}; }
        }
        return labels[key] || fallback;
    }

    function message(m) {
        var n = typeof m === "string" ? JSON.parse(m) : m;
        var at = Date.now();
        QL.alerts.received.push({incident: n.incident, kind: n.kind, liveAt: n.liveAt, sentAt: n.sentAt, at: at});
        if (QL.alerts.received.length > 100) { QL.alerts.received.shift(); }
        var box = document.getElementById("ql-toasts");
        if (!box) { return; }
        var t = document.createElement("div");
        t.className = "ql-toast ql-toast-" + String(n.severity).toLowerCase() + " ql-toast-" + String(n.kind).toLowerCase();
        t.setAttribute("role", "alert");
        t.setAttribute("data-incident", n.incident);
        t.setAttribute("data-kind", n.kind);
        var head = document.createElement("strong");
        head.textContent = label("kind." + n.kind, n.kind) + " · " + label("severity." + n.severity, n.severity);
        var body = document.createElement("div");
        body.className = "ql-toast-text";
        body.textContent = n.rule + ": " + n.scope + " · " + label("figure." + n.figure, n.figure) + " = " + n.value
            + " (" + n.condition.replace(n.figure, label("figure." + n.figure, n.figure)) + ")";
        var link = document.createElement("a");
        link.href = box.getAttribute("data-page") + "?tenant=" + encodeURIComponent(n.tenant);
        link.textContent = label("open", "Alerts");
        var close = document.createElement("button");
        close.type = "button";
        close.className = "ql-toast-close";
        close.setAttribute("aria-label", label("close", "Close"));
        close.textContent = "×";
        close.addEventListener("click", function () { t.remove(); });
        t.appendChild(close);
        t.appendChild(head);
        t.appendChild(body);
        t.appendChild(link);
        box.appendChild(t);
        while (box.children.length > 5) { box.removeChild(box.firstChild); }
        if (n.kind === "RESOLVED" || n.severity === "INFO") {
            setTimeout(function () { t.remove(); }, 30000);
        }
    }

    QL.alerts = {message: message, received: []};
})();
