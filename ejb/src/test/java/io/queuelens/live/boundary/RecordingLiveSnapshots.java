package io.queuelens.live.boundary;

import io.queuelens.live.entity.LiveChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link LiveSnapshots} outside a container, for tests of what writes and reads it: its LiveChanged events are
 * recorded (and handed to an observer, as CDI would, on the writer's thread).
 */
public final class RecordingLiveSnapshots {

    public final LiveSnapshots snapshots = new LiveSnapshots();
    public final List<LiveChanged> changes = new CopyOnWriteArrayList<>();

    public RecordingLiveSnapshots() {
        this(e -> {
        });
    }

    public RecordingLiveSnapshots(Consumer<LiveChanged> observer) {
        snapshots.changed = new Event<>() {
            @Override
            public void fire(LiveChanged event) {
                changes.add(event);
                observer.accept(event);
            }

            @Override
            public <U extends LiveChanged> CompletionStage<U> fireAsync(U event) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends LiveChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Event<LiveChanged> select(Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends LiveChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends LiveChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
