package io.queuelens.web.live;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deltas between live states: only what changed, field by field, and applying every delta to the
 * first full state gives exactly the last full state (what a browser relies on).
 */
class WireStateTest {

    private final LiveWire wire = new LiveWire((key, totals) -> KpiCalculator.queueFigures(totals, KpiSettings.DEFAULTS));

    @Test
    void aCallerJoiningSendsTheQueuesChangedFieldsAndTheNewCallerOnly() {
        LiveSnapshots4Test pbx = new LiveSnapshots4Test("demo", "sales", "support")
                .member("PJSIP/201", MemberState.AVAILABLE, "sales", "support");
        WireState before = wire.of(pbx.publish(), List.of());
        WireState after = wire.of(pbx.tick(1).join("sales", "1700.1", "+491701", 0).publish(), List.of());

        JsonObject delta = after.deltaFrom(before, 5);

        assertThat(delta.getString("type")).isEqualTo("delta");
        assertThat(delta.getJsonNumber("from").longValue()).isEqualTo(1);
        assertThat(delta.getJsonNumber("to").longValue()).isEqualTo(2);
        JsonObject sales = delta.getJsonObject("queues").getJsonObject("sales");
        assertThat(sales.keySet()).containsExactlyInAnyOrder("waiting", "longestSince");
        assertThat(sales.getInt("waiting")).isEqualTo(1);
        assertThat(sales.getJsonNumber("longestSince").longValue()).isEqualTo(LiveSnapshots4Test.T0.plusSeconds(1).toEpochMilli());
        assertThat(delta.getJsonObject("queues").keySet()).containsExactly("sales");
        assertThat(delta.getJsonObject("callers").getJsonObject("sales|1700.1").getString("number")).isEqualTo("+491701");
        assertThat(delta.containsKey("members")).isFalse();
        assertThat(delta.containsKey("removed")).isFalse();
    }

    @Test
    void nothingVisibleChangedMeansNoDelta() {
        LiveSnapshots4Test pbx = new LiveSnapshots4Test("demo", "sales").join("sales", "1", "+1", 3);
        WireState v1 = wire.of(pbx.publish(), List.of());
        WireState v2 = wire.of(pbx.tick(4).publish(), List.of()); // only the clock moved: waits are computed in the browser
        assertThat(v2.deltaFrom(v1, 0)).isNull();
    }

    @Test
    void aCallerLeavingIsRemovedAndTheOthersMoveUp() {
        LiveSnapshots4Test pbx = new LiveSnapshots4Test("demo", "sales").join("sales", "a", "+1", 30).join("sales", "b", "+2", 10);
        WireState v1 = wire.of(pbx.publish(), List.of());
        WireState v2 = wire.of(pbx.leave("sales", "a").answeredToday("sales", 30).publish(), List.of());

        JsonObject delta = v2.deltaFrom(v1, 0);

        assertThat(delta.getJsonObject("removed").getJsonArray("callers").getString(0)).isEqualTo("sales|a");
        assertThat(delta.getJsonObject("callers").getJsonObject("sales|b").keySet()).containsExactly("position");
        JsonObject sales = delta.getJsonObject("queues").getJsonObject("sales");
        assertThat(sales.getInt("waiting")).isEqualTo(1);
        assertThat(sales.getInt("answered")).isEqualTo(1);
        assertThat(sales.getJsonNumber("asa").doubleValue()).isEqualTo(30.0);
        assertThat(sales.getJsonNumber("serviceLevel").doubleValue()).isEqualTo(0.0); // 30 s > the 20 s target
    }

    @Test
    void aGroupCountsAnAgentInSeveralOfItsQueuesOnceAndAddsTheTotalsBeforeTheFigures() {
        LiveSnapshots4Test pbx = new LiveSnapshots4Test("demo", "sales", "support", "vip")
                .member("PJSIP/201", MemberState.AVAILABLE, "sales", "support")
                .member("PJSIP/202", MemberState.PAUSED, "support")
                .member("PJSIP/203", MemberState.ON_CALL, "vip")
                .answeredToday("sales", 10).answeredToday("support", 40).answeredToday("support", 5);
        WireState s = wire.of(pbx.publish(), List.of("sales,support", "*"));

        JsonObject group = s.queues().get("sales,support");
        assertThat(group.getInt("available")).isEqualTo(1);
        assertThat(group.getInt("paused")).isEqualTo(1);
        assertThat(group.getInt("loggedIn")).isEqualTo(2);
        assertThat(group.getInt("answered")).isEqualTo(3);
        assertThat(group.getJsonNumber("serviceLevel").doubleValue()).isEqualTo(66.67); // 2 of 3 within 20 s
        assertThat(s.queues().get("*").getInt("loggedIn")).isEqualTo(3);
        assertThat(s.queues().get("*").getInt("onCall")).isEqualTo(1);
    }

    @Test
    void applyingEveryDeltaToTheFirstFullStateGivesTheLastFullState() {
        LiveSnapshots4Test pbx = new LiveSnapshots4Test("demo", "sales", "support")
                .member("PJSIP/201", MemberState.AVAILABLE, "sales").member("PJSIP/202", MemberState.AVAILABLE, "support");
        java.util.Random random = new java.util.Random(7);
        WireState first = wire.of(pbx.publish(), List.of("*"));
        Map<String, Map<String, Map<String, JsonValue>>> browser = browserState(first.full(0));
        WireState last = first;
        int sent = 0;
        for (int i = 0; i < 300; i++) {
            String q = random.nextBoolean() ? "sales" : "support";
            switch (random.nextInt(4)) {
                case 0 -> pbx.join(q, "c" + i, "+49" + i, random.nextInt(60));
                case 1 -> last.callers().keySet().stream().filter(k -> k.startsWith(q + "|")).findFirst()
                        .ifPresent(k -> pbx.leave(q, k.substring(q.length() + 1)).answeredToday(q, random.nextInt(40)));
                case 2 -> pbx.member(random.nextBoolean() ? "PJSIP/201" : "PJSIP/202",
                        MemberState.values()[random.nextInt(MemberState.values().length)], q);
                default -> pbx.tick(1);
            }
            LiveSnapshot s = pbx.publish();
            if (random.nextInt(3) == 0) {
                continue; // coalesced: this version is never pushed on its own
            }
            WireState now = wire.of(s, List.of("*"));
            JsonObject delta = now.deltaFrom(last, 0);
            if (delta != null) {
                assertThat(delta.getJsonNumber("from").longValue()).isEqualTo(last.version());
                apply(browser, delta);
                last = now;
                sent++;
            }
        }
        assertThat(sent).isGreaterThan(100);
        assertThat(browser).isEqualTo(browserState(last.full(0)));
    }

    /** The browser's model as live.js keeps it: section -> key -> field -> value. */
    private static Map<String, Map<String, Map<String, JsonValue>>> browserState(JsonObject full) {
        Map<String, Map<String, Map<String, JsonValue>>> state = new TreeMap<>();
        for (String section : Set.of("queues", "members", "callers")) {
            Map<String, Map<String, JsonValue>> entries = new TreeMap<>();
            full.getJsonObject(section).forEach((k, v) -> entries.put(k, new HashMap<>(v.asJsonObject())));
            state.put(section, entries);
        }
        return state;
    }

    private static void apply(Map<String, Map<String, Map<String, JsonValue>>> state, JsonObject delta) {
        for (String section : List.of("queues", "members", "callers")) {
            if (delta.containsKey(section)) {
                delta.getJsonObject(section).forEach((k, fields) ->
                        state.get(section).computeIfAbsent(k, x -> new HashMap<>()).putAll(fields.asJsonObject()));
            }
            if (delta.containsKey("removed") && delta.getJsonObject("removed").containsKey(section)) {
                delta.getJsonObject("removed").getJsonArray(section).getValuesAs(jakarta.json.JsonString::getString)
                        .forEach(state.get(section)::remove);
            }
        }
    }
}
