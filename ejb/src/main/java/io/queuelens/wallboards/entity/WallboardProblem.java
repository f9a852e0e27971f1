package io.queuelens.wallboards.entity;

import java.util.List;

/**
 * One thing wrong with a board's settings, in English (log, API) and as a key for the page.
 *
 * @param field which setting: {@code name}, {@code interval}, or {@code card<N>.<title|queues|figures|color|thresholds>}
 *              with N counted from 0
 * @param key   the web bundle has it as {@code wallboard.p.<key>}
 * @param args  the values the message names ({0}, {1}, ...)
 */
public record WallboardProblem(String field, String key, String message, List<String> args) {

    public WallboardProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static WallboardProblem of(String field, String key, String message, Object... args) {
        return new WallboardProblem(field, key, message, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
