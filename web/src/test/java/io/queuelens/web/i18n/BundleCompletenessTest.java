package io.queuelens.web.i18n;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user-facing string exists in all five languages, and every key a page or bean uses exists. */
class BundleCompletenessTest {

    private static final Pattern PAGE_KEY = Pattern.compile("msg\\['([^']+)'\\]");
    private static final Pattern JAVA_KEY = Pattern.compile("(?:text|fieldError)\\((?:\"[^\"]*\",\\s*)?\"([a-zA-Z]+\\.[a-zA-Z.]+)\"");

    static Properties load(String suffix) {
        Properties p = new Properties();
        String name = "/io/queuelens/web/messages" + suffix + ".properties";
        try (InputStream in = BundleCompletenessTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"_tr", "_ru", "_pt", "_uz"})
    void translationHasExactlyTheEnglishKeys(String suffix) {
        Properties english = load("");
        Properties translated = load(suffix);
        assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        translated.forEach((k, v) -> assertThat(v.toString()).as("%s in %s", k, suffix).isNotBlank());
    }

    @Test
    void everyKeyUsedInPagesAndBeansExists() throws IOException {
        Set<String> used = new HashSet<>();
        collect(Path.of("src/main/webapp"), ".xhtml", PAGE_KEY, used);
        collect(Path.of("src/main/java"), ".java", JAVA_KEY, used);
        collect(Path.of("../ejb/src/main/java/io/queuelens/identity"), ".java",
                Pattern.compile("\"(password\\.[a-zA-Z]+)\""), used);
        assertThat(used).isNotEmpty();
        assertThat(load("").stringPropertyNames()).containsAll(used);
    }

    private static void collect(Path root, String extension, Pattern pattern, Set<String> into) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(extension)).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    into.add(m.group(1));
                }
            }
        }
    }
}
