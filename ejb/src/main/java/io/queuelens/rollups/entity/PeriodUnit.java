package io.queuelens.rollups.entity;

/** The report periods of KPI.md (Time), named by their ISO-8601 durations. */
public enum PeriodUnit {
    PT15M(15), PT30M(30), PT1H(60),
    /** A local calendar day: 23, 24 or 25 hours. */
    P1D(0),
    /** An ISO week, Monday to Sunday, local. */
    P1W(0),
    /** A local calendar month. */
    P1M(0);

    private final int minutes;

    PeriodUnit(int minutes) {
        this.minutes = minutes;
    }

    /** Length in local clock minutes for sub-day units, 0 for calendar units. */
    public int minutes() {
        return minutes;
    }

    public boolean isSubDay() {
        return minutes > 0;
    }
}
