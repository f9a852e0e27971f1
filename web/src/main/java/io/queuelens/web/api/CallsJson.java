package io.queuelens.web.api;

import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallPage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A page of queue visits as JSON maps; times with the offset of the requested zone, durations in seconds. */
public final class CallsJson {

    private CallsJson() {
    }

    public static Map<String, Object> of(CallPage page) {
        return of(page, null);
    }

    /** @param names the tenant's display names: {@code queueName} and {@code agentName} next to the ids */
    public static Map<String, Object> of(CallPage page, io.queuelens.names.entity.NameBook names) {
        CallListRequest r = page.request();
        List<Object> items = new ArrayList<>(page.visits().size());
        page.visits().forEach(v -> items.add(visit(v, r.zone(), names)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", items);
        json.put("page", r.page());
        json.put("size", r.size());
        json.put("total", page.total());
        json.put("totalPages", page.totalPages());
        json.put("sort", r.sort().apiName() + "," + (r.descending() ? "desc" : "asc"));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("tenant", r.tenant());
        request.put("from", r.from().toString());
        request.put("to", r.to().toString());
        request.put("tz", r.zone().getId());
        request.put("queues", r.queues());
        request.put("agents", r.agents());
        request.put("outcome", r.outcomes().stream().map(Enum::name).sorted().toList());
        request.put("caller", r.caller());
        json.put("request", request);
        return json;
    }

    static Map<String, Object> visit(QueueVisit v, ZoneId zone) {
        return visit(v, zone, null);
    }

    static Map<String, Object> visit(QueueVisit v, ZoneId zone, io.queuelens.names.entity.NameBook names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceId", v.sourceId());
        m.put("callId", v.callId());
        m.put("visitSeq", v.visitSeq());
        m.put("queue", v.queue());
        m.put("queueName", names == null ? v.queue() : names.queue(v.queue()));
        m.put("callerNumber", v.callerNumber());
        m.put("callerName", v.callerName());
        m.put("did", v.did());
        m.put("enteredAt", local(v.enteredAt(), zone));
        m.put("connectedAt", local(v.connectedAt(), zone));
        m.put("endedAt", local(v.endedAt(), zone));
        m.put("outcome", v.outcome().name());
        m.put("wait", v.waitSeconds());
        m.put("ring", v.ringSeconds());
        m.put("talk", v.talkSeconds());
        m.put("hold", v.holdSeconds());
        m.put("agent", v.agent());
        m.put("agentName", names == null || v.agent() == null ? v.agent() : names.agent(v.agent()));
        m.put("transferred", v.transferred());
        m.put("transferTarget", v.transferTarget());
        m.put("completedBy", v.completedBy());
        m.put("exitKey", v.exitKey());
        m.put("originalPosition", v.originalPosition());
        m.put("ringNoAnswers", v.ringNoAnswers());
        m.put("nextQueue", v.nextQueue());
        return m;
    }

    private static String local(Instant t, ZoneId zone) {
        return t == null ? null : OffsetDateTime.ofInstant(t, zone).toString();
    }
}
