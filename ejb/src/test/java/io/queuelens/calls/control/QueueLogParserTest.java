package io.queuelens.calls.control;

import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.Verb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueLogParserTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final QueueLogParser parser = new QueueLogParser(BERLIN);

    QueueLogEvent event(String line) {
        ParsedLine p = parser.parseLine(7, line);
        assertThat(p).as(line).isInstanceOf(QueueLogEvent.class);
        return (QueueLogEvent) p;
    }

    Rejected rejected(String line) {
        ParsedLine p = parser.parseLine(9, line);
        assertThat(p).as(line).isInstanceOf(Rejected.class);
        return (Rejected) p;
    }

    @Test
    void readsAllColumnsAndKeepsEmptyDataFields() {
        QueueLogEvent e = event("1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1");
        assertThat(e.position()).isEqualTo(7);
        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1795308941));
        assertThat(e.callId()).isEqualTo("1795308941.1");
        assertThat(e.queue()).isEqualTo("sales");
        assertThat(e.agent()).isEqualTo("NONE");
        assertThat(e.verb()).isEqualTo(Verb.ENTERQUEUE);
        assertThat(e.verbName()).isEqualTo("ENTERQUEUE");
        assertThat(e.data()).containsExactly("", "5551234", "1");
        assertThat(e.data(2)).isEqualTo("5551234");
        assertThat(e.data(9)).isEmpty();
        assertThat(e.toLine()).isEqualTo("1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1");
    }

    @Test
    void aTrailingBarIsOneEmptyFieldAndNoBarNoFields() {
        assertThat(event("1795308933|NONE|NONE|NONE|QUEUESTART|").data()).containsExactly("");
        assertThat(event("1795308933|NONE|NONE|NONE|QUEUESTART").data()).isEmpty();
    }

    @Test
    void readsFractionsOfASecondAndIgnoresLineEnds() {
        assertThat(event("1795308941.25|c|q|a|CONNECT|1|x|2\r\n").time()).isEqualTo(Instant.ofEpochSecond(1795308941, 250_000_000));
        assertThat(event("1795308941.123456789123|c|q|a|CONNECT|1").time()).isEqualTo(Instant.ofEpochSecond(1795308941, 123_456_789));
        assertThat(event("1795308941.|c|q|a|CONNECT|1").time()).isEqualTo(Instant.ofEpochSecond(1795308941));
        assertThat(event("1795308941|c|q|a|CONNECT|1|x|2\r\n").data()).containsExactly("1", "x", "2");
    }

    @Test
    void keepsUnknownVerbsWithTheirRawName() {
        QueueLogEvent e = event("1795308941|c1|sales|Agent One|MYCUSTOM|a|b");
        assertThat(e.verb()).isEqualTo(Verb.UNKNOWN);
        assertThat(e.verbName()).isEqualTo("MYCUSTOM");
        assertThat(e.data()).containsExactly("a", "b");
        // case matters: Asterisk writes verbs in capitals, anything else is someone's custom verb
        assertThat(event("1795308941|c1|sales|NONE|connect|1").verb()).isEqualTo(Verb.UNKNOWN);
        assertThat(event("1795308941|c1|sales|NONE|CONNECTX|1").verb()).isEqualTo(Verb.UNKNOWN);
        assertThat(event("1795308941|c1|sales|NONE|CONNEC|1").verb()).isEqualTo(Verb.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ENTERQUEUE", "CONNECT", "COMPLETECALLER", "COMPLETEAGENT", "ABANDON", "EXITWITHTIMEOUT",
            "EXITEMPTY", "EXITWITHKEY", "WITHDRAW", "RINGNOANSWER", "RINGCANCELED", "AGENTDUMP", "SYSCOMPAT",
            "BLINDTRANSFER", "ATTENDEDTRANSFER", "TRANSFER", "AGENTLOGIN", "AGENTLOGOFF", "ADDMEMBER", "REMOVEMEMBER",
            "PAUSE", "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "PENALTY", "RINGINUSE", "QUEUESTART", "CONFIGRELOAD", "DID",
            "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF", "OUTDIAL", "OUTANSWER", "FULL", "CLOSED", "JOINEMPTY", "INFO"})
    void understandsEveryVerbOfTheFormat(String verb) {
        QueueLogEvent e = event("1795308941|NONE|NONE|NONE|" + verb + "|x");
        assertThat(e.verb()).isNotEqualTo(Verb.UNKNOWN);
        assertThat(e.verb().name()).isEqualTo(verb);
        assertThat(Verb.of(verb)).isEqualTo(e.verb());
    }

    @Test
    void sharesRepeatedNames() {
        QueueLogEvent a = event("1795308941|c1|support|Agent One|CONNECT|1|x|2");
        QueueLogEvent b = event("1795308942|NONE|support|Agent One|PAUSE|lunch");
        assertThat(b.queue()).isSameAs(a.queue());
        assertThat(b.agent()).isSameAs(a.agent());
        assertThat(b.callId()).isSameAs(QueueLogEvent.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1795308941|c1|sales|NONE;not enough fields: 4 of at least 5",
            "1795308941;not enough fields: 1 of at least 5",
            "garbage without bars;not enough fields: 1 of at least 5",
            "17953O8941|c1|sales|NONE|ENTERQUEUE;time is not a number: '17953O8941'",
            "|c1|sales|NONE|ENTERQUEUE;time is not a number: empty",
            "-5|c1|sales|NONE|ENTERQUEUE;time is not a number: '-5'",
            ".5|c1|sales|NONE|ENTERQUEUE;time is not a number: '.5'",
            "1795308941.x|c1|sales|NONE|ENTERQUEUE;time is not a number: '1795308941.x'",
            "1795308941|c1|sales|NONE||x;empty verb",
            "1795308941|c1|sales|NONE|;empty verb",
            "12345|c1|sales|NONE|ENTERQUEUE;time out of range: 12345",
            "99999999999999999999999|c1|sales|NONE|ENTERQUEUE;time out of range",
            "4102444800|c1|sales|NONE|ENTERQUEUE;time out of range: 4102444800"})
    void rejectsMalformedLinesWithTheReason(String line, String reason) {
        Rejected r = rejected(line);
        assertThat(r.position()).isEqualTo(9);
        assertThat(r.rawLine()).isEqualTo(line);
        assertThat(r.reason()).startsWith(reason);
    }

    @Test
    void rejectsEmptyLines() {
        assertThat(rejected("").reason()).isEqualTo("empty line");
        assertThat(rejected("\r\n").reason()).isEqualTo("empty line");
        assertThat(((Rejected) parser.parseLine(3, null)).reason()).isEqualTo("empty line");
    }

    // ------------------------------------------------------------------------------- table forms

    @Test
    void readsTheFiveColumnTableInThePbxZone() {
        LocalDateTime local = LocalDateTime.of(2025, 6, 15, 10, 30, 5, 123_456_000);
        QueueLogEvent e = (QueueLogEvent) parser.parseRow(42, local, "1750.1", "sales", "NONE", "ENTERQUEUE",
                "", "5551234", "1", "", "");
        assertThat(e.position()).isEqualTo(42);
        assertThat(e.time()).isEqualTo(local.atZone(BERLIN).toInstant());
        assertThat(e.time()).isEqualTo(Instant.parse("2025-06-15T08:30:05.123456Z"));
        // trailing unused columns are not fields
        assertThat(e.data()).containsExactly("", "5551234", "1");
    }

    @Test
    void splitsFieldsPastTheFifthOutOfData5() {
        LocalDateTime local = LocalDateTime.of(2025, 6, 15, 10, 30, 5);
        QueueLogEvent e = (QueueLogEvent) parser.parseRow(1, local, "c1", "sales", "Agent One", "ATTENDEDTRANSFER",
                "LINK", "PJSIP/a-1", "PJSIP/b-2", "5", "60|1");
        assertThat(e.verb()).isEqualTo(Verb.ATTENDEDTRANSFER);
        assertThat(e.data()).containsExactly("LINK", "PJSIP/a-1", "PJSIP/b-2", "5", "60", "1");
        QueueLogEvent nulls = (QueueLogEvent) parser.parseRow(2, local, null, "NONE", null, "QUEUESTART",
                null, null, null, null, null);
        assertThat(nulls.callId()).isEqualTo("NONE");
        assertThat(nulls.agent()).isEqualTo("NONE");
        assertThat(nulls.data()).isEmpty();
    }

    @Test
    void readsTheOlderSingleDataColumn() {
        LocalDateTime local = LocalDateTime.of(2025, 1, 15, 10, 30, 5);
        QueueLogEvent e = (QueueLogEvent) parser.parseLegacyRow(3, local, "c1", "sales", "NONE", "EXITWITHKEY", "1|2|1|40");
        assertThat(e.time()).isEqualTo(Instant.parse("2025-01-15T09:30:05Z"));
        assertThat(e.data()).containsExactly("1", "2", "1", "40");
        assertThat(((QueueLogEvent) parser.parseLegacyRow(4, local, "c1", "sales", "NONE", "CUSTOMX", "")).data()).isEmpty();
    }

    @Test
    void tableRowsWithoutTimeOrVerbAreRejected() {
        LocalDateTime local = LocalDateTime.of(2025, 1, 15, 10, 30, 5);
        assertThat(((Rejected) parser.parseLegacyRow(5, null, "c1", "sales", "NONE", "ABANDON", "1|1|3")).reason())
                .isEqualTo("time is missing");
        Rejected noVerb = (Rejected) parser.parseRow(6, local, "c1", "sales", "NONE", " ", "1", "1", "3", null, null);
        assertThat(noVerb.reason()).isEqualTo("empty verb");
        assertThat(noVerb.position()).isEqualTo(6);
        assertThat(noVerb.rawLine()).isEqualTo("2025-01-15T10:30:05|c1|sales|NONE||1|1|3");
        assertThat(((Rejected) parser.parseRow(7, LocalDateTime.of(1970, 1, 2, 0, 0), "c1", "sales", "NONE", "ABANDON",
                "1", "1", "3", "", "")).reason()).startsWith("time out of range");
    }

    @Test
    void aGmtTableIsReadAsUtc() {
        QueueLogParser gmt = new QueueLogParser();
        LocalDateTime local = LocalDateTime.of(2025, 6, 15, 10, 30, 5);
        assertThat(gmt.parseRow(1, local, "c", "q", "a", "PAUSE", "x", "", "", "", "").toString())
                .contains("2025-06-15T10:30:05Z");
    }

    @Test
    void readsTheRepeatedHourWhenClocksGoBackInTableOrder() {
        // Berlin, 26 Oct 2025: 03:00 CEST becomes 02:00 CET, 02:00..02:59 happens twice
        List<LocalDateTime> locals = List.of(
                LocalDateTime.of(2025, 10, 26, 1, 59, 50),
                LocalDateTime.of(2025, 10, 26, 2, 10, 0),
                LocalDateTime.of(2025, 10, 26, 2, 10, 0),   // same second, same pass
                LocalDateTime.of(2025, 10, 26, 2, 59, 59),
                LocalDateTime.of(2025, 10, 26, 2, 0, 10),   // second pass (CET)
                LocalDateTime.of(2025, 10, 26, 2, 40, 0),
                LocalDateTime.of(2025, 10, 26, 3, 0, 5));
        List<Instant> expected = List.of(
                Instant.parse("2025-10-25T23:59:50Z"),
                Instant.parse("2025-10-26T00:10:00Z"),
                Instant.parse("2025-10-26T00:10:00Z"),
                Instant.parse("2025-10-26T00:59:59Z"),
                Instant.parse("2025-10-26T01:00:10Z"),
                Instant.parse("2025-10-26T01:40:00Z"),
                Instant.parse("2025-10-26T02:00:05Z"));
        for (int i = 0; i < locals.size(); i++) {
            QueueLogEvent e = (QueueLogEvent) parser.parseRow(i, locals.get(i), "c", "q", "NONE", "INFO", "", "", "", "", "");
            assertThat(e.time()).as("row %d %s", i, locals.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void readsTheSpringForwardDay() {
        // Berlin, 30 Mar 2025: 02:00 CET jumps to 03:00 CEST
        QueueLogEvent before = (QueueLogEvent) parser.parseLegacyRow(1, LocalDateTime.of(2025, 3, 30, 1, 59, 55), "c", "q", "NONE", "INFO", "");
        QueueLogEvent after = (QueueLogEvent) parser.parseLegacyRow(2, LocalDateTime.of(2025, 3, 30, 3, 0, 5), "c", "q", "NONE", "INFO", "");
        assertThat(before.time()).isEqualTo(ZonedDateTime.of(2025, 3, 30, 1, 59, 55, 0, BERLIN).toInstant());
        assertThat(after.time().getEpochSecond() - before.time().getEpochSecond()).isEqualTo(10);
    }

    @Test
    void aQuietFirstPassIsDecidedByTheCallidsEpoch() {
        // last row before the change at 01:48 CEST, the next ones in the second pass (CET) only
        QueueLogEvent before = (QueueLogEvent) parser.parseLegacyRow(1, LocalDateTime.of(2025, 10, 26, 1, 48, 12), "NONE", "q", "a", "UNPAUSE", "");
        QueueLogEvent call = (QueueLogEvent) parser.parseLegacyRow(2, LocalDateTime.of(2025, 10, 26, 2, 4, 35), "1761440675.4", "q", "NONE", "DID", "x");
        QueueLogEvent after = (QueueLogEvent) parser.parseLegacyRow(3, LocalDateTime.of(2025, 10, 26, 2, 18, 30), "NONE", "q", "a", "PAUSE", "ACW");
        assertThat(before.time()).isEqualTo(Instant.parse("2025-10-25T23:48:12Z"));
        assertThat(call.time()).isEqualTo(Instant.ofEpochSecond(1761440675));
        assertThat(after.time()).isEqualTo(Instant.parse("2025-10-26T01:18:30Z"));
        // a channel created in the first pass keeps its rows there
        QueueLogParser other = new QueueLogParser(BERLIN);
        QueueLogEvent first = (QueueLogEvent) other.parseLegacyRow(1, LocalDateTime.of(2025, 10, 26, 2, 4, 35), "pbx1-1761437075.9", "q", "NONE", "DID", "x");
        assertThat(first.time()).isEqualTo(Instant.ofEpochSecond(1761437075));
        assertThat(LocalTimeResolver.channelCreatedEpoch("pbx1-1761437075.9")).isEqualTo(1761437075L);
        assertThat(LocalTimeResolver.channelCreatedEpoch("NONE")).isEqualTo(-1);
        assertThat(LocalTimeResolver.channelCreatedEpoch("abc.1")).isEqualTo(-1);
    }
}
