package io.queuelens.names.control;

import io.queuelens.names.entity.InvalidDisplayName;
import io.queuelens.names.entity.NameKind;

import java.util.Locale;

/** What a display name and a system name must look like before they are stored. */
public final class NameRules {

    public static final int MAX_NAME = 100;
    public static final int MAX_KEY = 128;

    private NameRules() {
    }

    public static NameKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidDisplayName("kind", "names.error.kind", "kind is required: QUEUE or AGENT");
        }
        try {
            return NameKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidDisplayName("kind", "names.error.kind", "kind must be QUEUE or AGENT, was '" + kind + "'");
        }
    }

    /** The system name, stripped; it must be one a PBX could use (no line breaks or other control characters). */
    public static String key(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidDisplayName("key", "names.error.keyRequired", "key (the queue id or agent interface) is required");
        }
        String k = key.strip();
        if (k.length() > MAX_KEY) {
            throw new InvalidDisplayName("key", "names.error.keyLength", "key must be at most " + MAX_KEY + " characters");
        }
        if (hasControl(k)) {
            throw new InvalidDisplayName("key", "names.error.control", "key must not contain control characters");
        }
        return k;
    }

    /** The display name, stripped; blank is refused (resetting is deleting the manual name, not blanking it). */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidDisplayName("displayName", "names.error.nameRequired", "displayName is required");
        }
        String n = name.strip();
        if (n.length() > MAX_NAME) {
            throw new InvalidDisplayName("displayName", "names.error.nameLength",
                    "displayName must be at most " + MAX_NAME + " characters, was " + n.length());
        }
        if (hasControl(n)) {
            throw new InvalidDisplayName("displayName", "names.error.control", "displayName must not contain control characters");
        }
        return n;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
