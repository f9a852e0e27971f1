package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem of a source's settings names its field and carries a key the page can say in the
 * user's language: the keys the rules produce are all in the web bundle (BundleCompletenessTest then
 * checks the other four languages have them too).
 */
class AsteriskSourceRulesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final io.queuelens.sources.asterisk.entity.FileRoots ROOTS = io.queuelens.sources.asterisk.entity.FileRoots.parse("/var/log/asterisk");

    @Test
    void everyProblemHasAFieldAndAKeyTheWebBundleKnows() throws Exception {
        List<SourceProblem> problems = new ArrayList<>();
        AsteriskSourceForm empty = new AsteriskSourceForm();
        empty.setMode(QueueLogMode.TABLE);
        empty.setQueueLogTable("");
        problems.addAll(AsteriskSourceRules.check(empty, null, VALIDATOR, ROOTS));

        AsteriskSourceForm wrong = new AsteriskSourceForm();
        wrong.setName("Not OK!");
        wrong.setDisplayName("x".repeat(201));
        wrong.setMode(QueueLogMode.FILE);
        wrong.setQueueLogFile("relative/queue_log");
        wrong.setCdrTable("cdr; drop");
        wrong.setAmiHost("pbx host");
        wrong.setAmiPort(70000);
        wrong.setTimeZone("Mars/Olympus");
        problems.addAll(AsteriskSourceRules.check(wrong, null, VALIDATOR, ROOTS));

        AsteriskSourceForm reserved = new AsteriskSourceForm();
        reserved.setName("demo");
        reserved.setDisplayName("Demo");
        reserved.setMode(QueueLogMode.FILE);
        reserved.setQueueLogFile("/var/log/../queue_log");
        problems.addAll(AsteriskSourceRules.check(reserved, null, VALIDATOR, ROOTS));

        AsteriskSourceForm elsewhere = new AsteriskSourceForm();
        elsewhere.setName("pbx9");
        elsewhere.setDisplayName("PBX 9");
        elsewhere.setMode(QueueLogMode.FILE);
        elsewhere.setQueueLogFile("/etc/shadow");
        problems.addAll(AsteriskSourceRules.check(elsewhere, null, VALIDATOR, ROOTS));

        assertThat(problems).extracting(SourceProblem::key).contains("required.name", "required.displayName",
                "required.dbUrl", "required.dbUser", "format.queueLogTable", "format.name", "maxLength",
                "fileAbsolute", "format.cdrTable", "cdrNeedsDb", "format.amiHost", "range.amiPort", "required.amiUser",
                "required.amiSecret", "format.timeZone", "nameReserved", "fileDotDot", "fileOutsideRoots");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.field()).isNotBlank();
            assertThat(p.key()).isNotBlank();
            assertThat(p.message()).isNotBlank();
        });
        assertThat(problems).filteredOn(p -> p.key().equals("maxLength")).extracting(SourceProblem::args)
                .containsExactly(List.of("200"));

        Properties bundle = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("../web/src/main/resources/io/queuelens/web/messages.properties"),
                StandardCharsets.UTF_8)) {
            bundle.load(r);
        }
        assertThat(problems).allSatisfy(p -> assertThat(bundle).containsKey("asrc.p." + p.key()));
        for (String alsoProduced : List.of("nameFixed", "nameTaken", "fileInvalid", "required.queueLogFile",
                "required.amiHost", "required.mode", "format.dbUrl", "format.queueLogTable")) {
            assertThat(bundle).containsKey("asrc.p." + alsoProduced);
        }
    }
}
