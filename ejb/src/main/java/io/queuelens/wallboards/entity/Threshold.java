package io.queuelens.wallboards.entity;

/**
 * When a figure turns yellow and red (green otherwise). For a figure where high is bad the colour is
 * yellow from {@code yellow} and red from {@code red} upwards, so {@code yellow <= red}; where high is
 * good it is yellow at or below {@code yellow} and red at or below {@code red}, so {@code yellow >= red}.
 */
public record Threshold(double yellow, double red) {

    /** "red", "yellow" or "green" for a value (null = no data = no colour). */
    public String colour(WallboardFigure figure, Double value) {
        if (value == null) {
            return null;
        }
        if (figure.highIsBad()) {
            return value >= red ? "red" : value >= yellow ? "yellow" : "green";
        }
        return value <= red ? "red" : value <= yellow ? "yellow" : "green";
    }

    /** True when the two limits are in the order the figure's direction needs. */
    public boolean orderedFor(WallboardFigure figure) {
        return figure.highIsBad() ? yellow <= red : yellow >= red;
    }
}
