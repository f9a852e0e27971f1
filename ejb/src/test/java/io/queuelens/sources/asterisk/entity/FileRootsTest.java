package io.queuelens.sources.asterisk.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileRootsTest {

    @TempDir
    Path dir;

    @Test
    void aPathIsAllowedOnlyInsideARootByItsNormalizedName() {
        FileRoots roots = FileRoots.parse(" /var/log/asterisk , /srv/pbx-logs/ ");

        assertThat(roots.allows(Path.of("/var/log/asterisk/queue_log"))).isTrue();
        assertThat(roots.allows(Path.of("/srv/pbx-logs/pbx1/queue_log"))).isTrue();
        assertThat(roots.allows(Path.of("/var/log/asterisk/../../../etc/shadow"))).isFalse();
        assertThat(roots.allows(Path.of("/var/log/asterisk-other/queue_log"))).isFalse(); // a prefix of the name is not a folder
        assertThat(roots.allows(Path.of("/etc/shadow"))).isFalse();
        assertThat(roots.describe()).isEqualTo("/var/log/asterisk, /srv/pbx-logs");
        assertThat(FileRoots.parse("").allows(Path.of("/var/log/asterisk/queue_log"))).isFalse();
    }

    @Test
    void aLinkInsideARootThatLeadsOutsideIsRefusedOnceResolved() throws Exception {
        Path root = Files.createDirectories(dir.resolve("logs"));
        Path inside = Files.writeString(root.resolve("queue_log"), "1|2|q|NONE|ENTERQUEUE||1|1\n");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not a queue_log");
        Path link = Files.createSymbolicLink(root.resolve("queue_log.link"), secret);
        FileRoots roots = FileRoots.parse(root.toString());

        assertThat(roots.allows(link)).as("by name").isTrue();
        assertThat(roots.allowsReal(link)).as("resolved").isFalse();
        assertThat(roots.allowsReal(inside)).isTrue();
    }

    @Test
    void aRootMustBeAnAbsoluteFolder() {
        assertThatThrownBy(() -> FileRoots.parse("var/log")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
    }
}
