package io.queuelens.ops.control;

import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} values, oldest first; the oldest is overwritten once full. Thread-safe. */
public final class SampleRing<T> {

    private final Object[] items;
    private int next;
    private int size;

    public SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        items = new Object[capacity];
    }

    public synchronized void add(T item) {
        items[next] = item;
        next = (next + 1) % items.length;
        size = Math.min(size + 1, items.length);
    }

    @SuppressWarnings("unchecked")
    public synchronized List<T> toList() {
        List<T> out = new ArrayList<>(size);
        int start = (next - size + items.length) % items.length;
        for (int i = 0; i < size; i++) {
            out.add((T) items[(start + i) % items.length]);
        }
        return out;
    }

    public int capacity() {
        return items.length;
    }
}
