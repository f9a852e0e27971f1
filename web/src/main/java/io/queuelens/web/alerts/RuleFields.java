package io.queuelens.web.alerts;

import io.queuelens.alerts.entity.RuleDraft;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The rule editor's fields, as text (checked by the alerts component, which names the field of each problem). */
public class RuleFields implements Serializable {

    private static final long serialVersionUID = 1L;

    private long id;
    private String name;
    private String figure = "WAITING";
    private String pauseReason;
    private String scopeKind = "QUEUE";
    private String scopeIds;
    private String comparison = ">";
    private String threshold;
    private String clearThreshold;
    private String minDurationSeconds = "0";
    private String severity = "WARNING";
    private String quietFrom;
    private String quietTo;
    private List<String> channelIds = new ArrayList<>();
    private boolean enabled = true;

    void fill(long ruleId, RuleDraft d) {
        RuleDraft s = d != null ? d : new RuleDraft(null, "WAITING", null, "QUEUE", null, ">", null, null, "0", "WARNING",
                null, null, List.of(), true);
        id = ruleId;
        name = s.name();
        figure = s.figure();
        pauseReason = s.pauseReason();
        scopeKind = s.scopeKind();
        scopeIds = s.scopeIds();
        comparison = s.comparison();
        threshold = s.threshold();
        clearThreshold = s.clearThreshold();
        minDurationSeconds = s.minDurationSeconds();
        severity = s.severity();
        quietFrom = s.quietFrom();
        quietTo = s.quietTo();
        channelIds = new ArrayList<>(s.channelIds().stream().map(String::valueOf).toList());
        enabled = s.enabled();
    }

    RuleDraft draft() {
        List<Long> channels = new ArrayList<>();
        for (String c : channelIds == null ? List.<String>of() : channelIds) {
            try {
                channels.add(Long.valueOf(c));
            } catch (NumberFormatException ignored) {
                // not one of the offered channels: dropped, the component checks the others
            }
        }
        return new RuleDraft(name, figure, pauseReason, scopeKind, scopeIds, comparison, threshold, clearThreshold,
                minDurationSeconds, severity, quietFrom, quietTo, channels, enabled);
    }

    public long getId() { return id; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getFigure() { return figure; }
    public void setFigure(String v) { figure = v; }
    public String getPauseReason() { return pauseReason; }
    public void setPauseReason(String v) { pauseReason = v; }
    public String getScopeKind() { return scopeKind; }
    public void setScopeKind(String v) { scopeKind = v; }
    public String getScopeIds() { return scopeIds; }
    public void setScopeIds(String v) { scopeIds = v; }
    public String getComparison() { return comparison; }
    public void setComparison(String v) { comparison = v; }
    public String getThreshold() { return threshold; }
    public void setThreshold(String v) { threshold = v; }
    public String getClearThreshold() { return clearThreshold; }
    public void setClearThreshold(String v) { clearThreshold = v; }
    public String getMinDurationSeconds() { return minDurationSeconds; }
    public void setMinDurationSeconds(String v) { minDurationSeconds = v; }
    public String getSeverity() { return severity; }
    public void setSeverity(String v) { severity = v; }
    public String getQuietFrom() { return quietFrom; }
    public void setQuietFrom(String v) { quietFrom = v; }
    public String getQuietTo() { return quietTo; }
    public void setQuietTo(String v) { quietTo = v; }
    public List<String> getChannelIds() { return channelIds; }
    public void setChannelIds(List<String> v) { channelIds = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
}
