package io.queuelens.web.admin;

import io.queuelens.ops.boundary.Operations;
import io.queuelens.ops.boundary.SelfCheck;
import io.queuelens.ops.entity.CheckResult;
import io.queuelens.ops.entity.MemorySample;
import io.queuelens.ops.entity.OpsStatus;
import io.queuelens.web.i18n.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/operations.xhtml (ADMIN, every tenant). The figures are read afresh on every render,
 * which the page's poll asks for every few seconds; only the self-check's results are kept in the view.
 */
@Named
@ViewScoped // the self-check results must survive the polls
public class OperationsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Inject
    Operations operations;

    @Inject
    SelfCheck selfCheck;

    private transient OpsStatus status;
    private List<CheckResult> checks = List.of();
    private boolean checked;

    /** p:poll: throw away the figures so the render reads them again. */
    public void refresh() {
        status = null;
    }

    public OpsStatus getStatus() {
        if (status == null) {
            status = operations.status();
        }
        return status;
    }

    public void runSelfCheck() {
        checks = selfCheck.run();
        checked = true;
    }

    public List<CheckResult> getChecks() {
        return checks;
    }

    public boolean isChecked() {
        return checked;
    }

    public boolean isSelfCheckPassed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** Bytes in MB for the figures (-1 stays -1: unknown). */
    public long mb(long bytes) {
        return bytes < 0 ? -1 : bytes >> 20;
    }

    public List<Map.Entry<String, Long>> getQuarantined() {
        return List.copyOf(getStatus().quarantined().entrySet());
    }

    /** Heap and RSS (MB) over the sampled hour, as a Chart.js line chart for p:chart (server time of day). */
    public String getMemoryChart() {
        List<MemorySample> trend = getStatus().memory().trend();
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder heap = Json.createArrayBuilder();
        JsonArrayBuilder rss = Json.createArrayBuilder();
        for (MemorySample s : trend) {
            labels.add(CLOCK.format(s.at().atZone(ZoneId.systemDefault())));
            heap.add(s.heapUsedBytes() >> 20);
            if (s.rssBytes() < 0) {
                rss.addNull();
            } else {
                rss.add(s.rssBytes() >> 20);
            }
        }
        String json = Json.createObjectBuilder()
                .add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                        .add(series(Messages.text("ops.memory.heap"), heap, "#1f6feb"))
                        .add(series(Messages.text("ops.memory.rss"), rss, "#cf222e"))))
                .add("options", Json.createObjectBuilder().add("animation", false)
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true)
                                .add("title", Json.createObjectBuilder().add("display", true).add("text", "MB")))))
                .build().toString();
        // PrimeFaces writes this into a script: no </script> may end it early (see ChartJson)
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static jakarta.json.JsonObjectBuilder series(String label, JsonArrayBuilder values, String color) {
        return Json.createObjectBuilder().add("label", label).add("data", values).add("borderColor", color)
                .add("backgroundColor", color).add("pointRadius", 0).add("tension", 0.2).add("spanGaps", true);
    }
}
