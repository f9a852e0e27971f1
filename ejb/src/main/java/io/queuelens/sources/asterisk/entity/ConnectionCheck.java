package io.queuelens.sources.asterisk.entity;

/**
 * The outcome of trying one part of a source's settings.
 *
 * @param part    {@code queueLogTable}, {@code queueLogFile}, {@code cdrTable} or {@code ami}: the field to fix on failure
 * @param ok      whether it worked
 * @param message what was found, or what failed and why
 */
public record ConnectionCheck(String part, boolean ok, String message) implements java.io.Serializable {
}
