package io.queuelens.wallboards.entity;

import java.time.Instant;
import java.util.List;

/**
 * A stored (or proposed) board.
 *
 * @param id              null until stored
 * @param owner           the user who saved it
 * @param shared          offered to every user who may see the tenant (read-only for them: saving makes their own copy)
 * @param intervalSeconds how often the board redraws (1-60): the server pushes every change, a calm board
 *                        folds them and redraws at this pace
 * @param updatedAt       null until stored
 */
public record Wallboard(Long id, String tenantId, String owner, String name, boolean shared, int intervalSeconds,
                        List<WallboardCard> cards, Instant updatedAt) {

    public static final int MIN_INTERVAL = 1;
    public static final int MAX_INTERVAL = 60;
    public static final int MAX_CARDS = 48;

    public Wallboard {
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    /** The board a user sees before saving one: a card per queue, redrawn every second. */
    public static Wallboard defaultFor(String tenantId, String owner, String name, List<String> queues) {
        List<WallboardCard> cards = queues.isEmpty() ? List.of(WallboardCard.defaultFor(null))
                : queues.stream().map(WallboardCard::defaultFor).toList();
        return new Wallboard(null, tenantId, owner, name, false, 1, cards, null);
    }

    public Wallboard withId(Long newId, Instant at) {
        return new Wallboard(newId, tenantId, owner, name, shared, intervalSeconds, cards, at);
    }
}
