package io.queuelens.wallboards.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The figures a card can show: the live ones of KPI.md ("waiting now", agents by state) and today's
 * queue figures. {@link #key()} is the name in the live JSON, in the bundle ({@code wallboard.fig.<key>})
 * and in stored boards; never rename one.
 */
public enum WallboardFigure {
    WAITING("waiting", Unit.COUNT, true, true),
    LONGEST_WAIT("longestWait", Unit.SECONDS, true, true),
    AVAILABLE("available", Unit.COUNT, false, true),
    ON_CALL("onCall", Unit.COUNT, false, true),
    PAUSED("paused", Unit.COUNT, true, true),
    LOGGED_IN("loggedIn", Unit.COUNT, false, true),
    OFFERED("offered", Unit.COUNT, false, false),
    ANSWERED("answered", Unit.COUNT, false, false),
    ABANDONED("abandoned", Unit.COUNT, true, false),
    SERVICE_LEVEL("serviceLevel", Unit.PERCENT, false, false),
    ANSWER_RATE("answerRate", Unit.PERCENT, false, false),
    ABANDON_RATE("abandonRate", Unit.PERCENT, true, false),
    ASA("asa", Unit.SECONDS, true, false),
    AVG_ABANDON_WAIT("avgAbandonWait", Unit.SECONDS, true, false),
    MAX_WAIT("maxWait", Unit.SECONDS, true, false),
    AVG_TALK("avgTalk", Unit.SECONDS, true, false),
    AHT("aht", Unit.SECONDS, true, false);

    /** How a value is shown. */
    public enum Unit { COUNT, PERCENT, SECONDS }

    private final String key;
    private final Unit unit;
    private final boolean highIsBad;
    private final boolean live;

    WallboardFigure(String key, Unit unit, boolean highIsBad, boolean live) {
        this.key = key;
        this.unit = unit;
        this.highIsBad = highIsBad;
        this.live = live;
    }

    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    /**
     * True when a higher value is worse (waiting, ASA, abandon rate): yellow and red start at or above
     * their thresholds. False when higher is better (service level, agents available): they start at
     * or below them.
     */
    public boolean highIsBad() {
        return highIsBad;
    }

    /** True for figures of this moment, false for today's queue figures. */
    public boolean live() {
        return live;
    }

    public static Optional<WallboardFigure> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
