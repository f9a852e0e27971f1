package io.queuelens.reports.entity;

import java.io.Serializable;

/**
 * One local hour of day over a range: how many such hours the range had (a fall-back day has two
 * 02:00 hours, a spring-forward day none) and the average calls per such hour.
 *
 * @param avgOffered  offered / hours, null when the range has no such hour
 * @param avgAnswered answered / hours, null when the range has no such hour
 */
public record HourOfDay(int hour, int hours, long offered, long answered, Double avgOffered, Double avgAnswered)
        implements Serializable {
}
