package io.queuelens.ops.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFilePermissionsTest {

    @Test
    void ownerOnlyHasNothingBeyondTheOwner(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("vault.key"), "k1=abc\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFilePermissions.beyondOwner(key)).isEmpty();
    }

    @Test
    void groupOrOthersAccessIsNamed(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("vault.key"), "k1=abc\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(KeyFilePermissions.beyondOwner(key))
                .containsExactlyInAnyOrder(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }
}
