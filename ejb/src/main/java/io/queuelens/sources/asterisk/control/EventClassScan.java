package io.queuelens.sources.asterisk.control;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs asterisk-java's one scan of its event classes on the thread that starts a connector, with nothing left
 * for it to load while it holds a jar.
 * <p>
 * {@code EventBuilderImpl}'s static initializer lists its own jar's entries with org.reflections, on the thread
 * of the first login. Listing a jar locks it, and the first entry makes the scan load
 * {@code org.reflections.vfs.ZipFile}, which locks the class loader. Payara Server's EAR library class loader
 * locks in the other order: the loader, then each jar it searches. A deploy that loaded a class at that moment
 * deadlocked with the scan (CI, {@code PayaraServerEarIT}: the domain's thread dump said "Found 1 deadlock").
 * Loaded here first, {@code ZipFile} needs no loader inside the jar lock, and the scan runs before any connect
 * thread exists.
 */
final class EventClassScan {

    private static final Logger LOG = Logger.getLogger(EventClassScan.class.getName());

    private EventClassScan() {
    }

    /** Idempotent: the JVM initializes a class once. */
    static void runNow() {
        ClassLoader loader = EventClassScan.class.getClassLoader();
        try {
            Class.forName("org.reflections.vfs.ZipFile", false, loader);
            Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // a changed asterisk-java: the first login runs whatever it does instead, as before
            LOG.log(Level.WARNING, "asterisk-java's event classes could not be loaded ahead of the first login", e);
        }
    }
}
