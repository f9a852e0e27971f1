package io.queuelens.alerts.entity;

/** How a figure is compared with a threshold: the rule fires while {@code value <op> threshold} holds. */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
        };
    }

    /** True for > and >=: a higher value is worse, so the clear threshold lies at or below the threshold. */
    public boolean upward() {
        return this == GT || this == GE;
    }

    public static Comparison ofSymbol(String s) {
        for (Comparison c : values()) {
            if (c.symbol.equals(s) || c.name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison " + s);
    }
}
