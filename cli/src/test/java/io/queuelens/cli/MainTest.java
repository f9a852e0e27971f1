package io.queuelens.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Main.run(args, Map.of("QUEUELENS_DATA_DIR", System.getProperty("java.io.tmpdir")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() throws Exception {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./queuelens run").contains("mvn -B verify");
    }

    @Test
    void helpConfigListsEverySetting() throws Exception {
        assertThat(run("help", "config")).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        Arrays.stream(Setting.values()).forEach(s -> assertThat(text).contains(s.variable()));
    }

    @Test
    void anUnknownCommandFailsWithTheUsage() throws Exception {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("./queuelens help");
    }

    @Test
    void theReadmeDocumentsEverySetting() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        Arrays.stream(Setting.values()).forEach(s -> assertThat(readme).contains("`" + s.variable() + "`"));
    }
}
