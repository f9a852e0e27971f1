package io.queuelens.calls.control;

/**
 * A small direct-mapped cache of strings cut out of lines: queue and agent names repeat on almost
 * every line, so reusing one instance saves an allocation per field and keeps held state compact.
 * A slot collision just replaces the entry; correctness never depends on a hit.
 */
final class NameCache {

    private final String[] slots;
    private final int mask;

    NameCache(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
        }
        slots = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    /** {@code s.substring(from, to)}, shared with an earlier equal one when cached. */
    String get(String s, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "";
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String cached = slots[slot];
        if (cached != null && cached.length() == len && s.regionMatches(from, cached, 0, len)) {
            return cached;
        }
        String fresh = s.substring(from, to);
        slots[slot] = fresh;
        return fresh;
    }
}
