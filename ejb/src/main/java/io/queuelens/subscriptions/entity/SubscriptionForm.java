package io.queuelens.subscriptions.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * A subscription as a client or the form sends it (JSON-B and JSF bind the properties), checked by
 * {@code control.SubscriptionRules} into a {@link Subscription}.
 *
 * <p>{@code report}: an export report name (summary, intervals, answered, unanswered, agents, queues,
 * calls, cdr); {@code period}: yesterday, last-7-days, last-week, last-month; {@code timeZone}: blank =
 * the tenant's; {@code formats}: xlsx, csv, pdf, parquet; {@code frequency}: daily, weekly, monthly;
 * {@code time}: HH:mm local; {@code weekday}: monday..sunday (weekly); {@code dayOfMonth}: 1..31 (monthly).
 */
public class SubscriptionForm implements java.io.Serializable {

    private String report;
    private String period = PeriodKind.YESTERDAY.apiName();
    private List<String> queues = new ArrayList<>();
    private List<String> agents = new ArrayList<>();
    private String timeZone;
    private List<String> formats = new ArrayList<>();
    private List<String> recipients = new ArrayList<>();
    private String frequency = Frequency.DAILY.apiName();
    private String time = "07:00";
    private String weekday;
    private Integer dayOfMonth;
    private Boolean enabled = Boolean.TRUE;

    public static SubscriptionForm of(Subscription s) {
        SubscriptionForm f = new SubscriptionForm();
        f.report = s.report().apiName();
        f.period = s.period().apiName();
        f.queues = new ArrayList<>(s.queues());
        f.agents = new ArrayList<>(s.agents());
        f.timeZone = s.zone() == null ? null : s.zone().getId();
        f.formats = new ArrayList<>(s.formats().stream().map(x -> x.apiName()).toList());
        f.recipients = new ArrayList<>(s.recipients());
        f.frequency = s.schedule().frequency().apiName();
        f.time = s.schedule().at().toString();
        f.weekday = s.schedule().weekday() == null ? null : s.schedule().weekday().name().toLowerCase(java.util.Locale.ROOT);
        f.dayOfMonth = s.schedule().dayOfMonth();
        f.enabled = s.enabled();
        return f;
    }

    public String getReport() { return report; }
    public void setReport(String report) { this.report = report; }
    public String getPeriod() { return period; }
    public void setPeriod(String period) { this.period = period; }
    public List<String> getQueues() { return queues; }
    public void setQueues(List<String> queues) { this.queues = queues; }
    public List<String> getAgents() { return agents; }
    public void setAgents(List<String> agents) { this.agents = agents; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<String> getFormats() { return formats; }
    public void setFormats(List<String> formats) { this.formats = formats; }
    public List<String> getRecipients() { return recipients; }
    public void setRecipients(List<String> recipients) { this.recipients = recipients; }
    public String getFrequency() { return frequency; }
    public void setFrequency(String frequency) { this.frequency = frequency; }
    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public String getWeekday() { return weekday; }
    public void setWeekday(String weekday) { this.weekday = weekday; }
    public Integer getDayOfMonth() { return dayOfMonth; }
    public void setDayOfMonth(Integer dayOfMonth) { this.dayOfMonth = dayOfMonth; }
    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
}
