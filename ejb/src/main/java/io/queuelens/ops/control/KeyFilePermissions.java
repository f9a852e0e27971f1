package io.queuelens.ops.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Whether the vault's key file can be read by anyone but its owner (it decrypts every stored secret). */
public final class KeyFilePermissions {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFilePermissions() {
    }

    /** The permissions beyond the owner's, empty when the file is owner-only. */
    public static Set<PosixFilePermission> beyondOwner(Path file) throws IOException {
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(Files.getPosixFilePermissions(file));
        extra.retainAll(OTHERS);
        return extra;
    }
}
