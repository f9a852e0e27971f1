package io.queuelens.kpi.entity;

import java.util.List;

/** KPI settings that would make figures meaningless; carries every problem at once so a form can show them all. */
public class InvalidKpiSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidKpiSettingsException(List<String> problems) {
        super("invalid KPI settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One human-readable message per invalid setting, e.g. {@code slaSeconds must be between 1 and 3600, was 0}. */
    public List<String> problems() {
        return problems;
    }
}
