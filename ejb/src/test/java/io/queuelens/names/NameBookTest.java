package io.queuelens.names;

import io.queuelens.names.control.NameRules;
import io.queuelens.names.entity.AgentExtension;
import io.queuelens.names.entity.DisplayName;
import io.queuelens.names.entity.InvalidDisplayName;
import io.queuelens.names.entity.NameBook;
import io.queuelens.names.entity.NameEntry;
import io.queuelens.names.entity.NameKind;
import io.queuelens.names.entity.NameOrigin;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameBookTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static DisplayName row(NameKind kind, String key, String name, NameOrigin origin, int minute) {
        return new DisplayName("t1", kind, key, name, origin, T0.plusSeconds(60L * minute), "someone");
    }

    @Test
    void aManualQueueNameWinsOverALearnedOneAndUnknownQueuesShowTheirId() {
        NameBook book = NameBook.of("t1", List.of(
                row(NameKind.QUEUE, "sales", "Sales (learned)", NameOrigin.LEARNED, 5),
                row(NameKind.QUEUE, "sales", "Sales", NameOrigin.MANUAL, 1),
                row(NameKind.QUEUE, "support", "Help desk", NameOrigin.LEARNED, 1)));
        assertThat(book.queue("sales")).isEqualTo("Sales");
        assertThat(book.queue("support")).isEqualTo("Help desk");
        assertThat(book.queue("billing")).isEqualTo("billing");
        assertThat(book.queue(null)).isNull();
    }

    @Test
    void theSystemNamesOfOneExtensionAndTheLearnedMemberNameAreOneAgent() {
        NameBook book = NameBook.of("t1", List.of(
                row(NameKind.AGENT, "Local/1001@from-queue/n", "Alice Able", NameOrigin.LEARNED, 0)));
        assertThat(book.agent("Local/1001@from-queue/n")).isEqualTo("Alice Able");
        assertThat(book.agent("Agent/1001")).isEqualTo("Alice Able");
        assertThat(book.agent("PJSIP/1001")).isEqualTo("Alice Able");
        assertThat(book.agent("Alice Able")).isEqualTo("Alice Able");
        assertThat(book.agentIdentity("Agent/1001")).isEqualTo(book.agentIdentity("Alice Able"))
                .isEqualTo(book.agentIdentity("Local/1001@from-queue/n")).isEqualTo("ext:1001");
        assertThat(book.agentIdentity("Agent/1002")).isNotEqualTo(book.agentIdentity("Agent/1001"));
        assertThat(book.agent("Agent/1002")).isEqualTo("Agent/1002");
        assertThat(book.agentIdentity("Bob")).isEqualTo("key:Bob");
    }

    @Test
    void aManualAgentNameOnAnyOfItsSystemNamesWinsForAllOfThem() {
        NameBook book = NameBook.of("t1", List.of(
                row(NameKind.AGENT, "Local/1001@from-queue/n", "Alice Able", NameOrigin.LEARNED, 9),
                row(NameKind.AGENT, "Agent/1001", "Alice A. (team lead)", NameOrigin.MANUAL, 1)));
        assertThat(book.agent("Agent/1001")).isEqualTo("Alice A. (team lead)");
        assertThat(book.agent("Local/1001@from-queue/n")).isEqualTo("Alice A. (team lead)");
        // queue_log writes the member name: it still belongs to the same agent, so the manual name shows
        assertThat(book.agent("Alice Able")).isEqualTo("Alice A. (team lead)");
    }

    @Test
    void theNewestOfSeveralManualNamesOfOneAgentWins() {
        NameBook book = NameBook.of("t1", List.of(
                row(NameKind.AGENT, "Agent/7", "Old", NameOrigin.MANUAL, 1),
                row(NameKind.AGENT, "PJSIP/7", "New", NameOrigin.MANUAL, 2)));
        assertThat(book.agent("SIP/7")).isEqualTo("New");
    }

    @Test
    void entriesListStoredAndLiveNamesWithManualLearnedAndShown() {
        NameBook book = NameBook.of("t1", List.of(
                row(NameKind.AGENT, "Local/1001@from-queue/n", "Alice Able", NameOrigin.LEARNED, 0),
                row(NameKind.AGENT, "Local/1001@from-queue/n", "Alice", NameOrigin.MANUAL, 1)));
        List<NameEntry> entries = book.entries(List.of("sales"), List.of("Local/1002@from-queue/n"));
        assertThat(entries).extracting(NameEntry::kind, NameEntry::key, NameEntry::manual, NameEntry::learned, NameEntry::shown)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NameKind.QUEUE, "sales", null, null, "sales"),
                        org.assertj.core.groups.Tuple.tuple(NameKind.AGENT, "Local/1001@from-queue/n", "Alice", "Alice Able", "Alice"),
                        org.assertj.core.groups.Tuple.tuple(NameKind.AGENT, "Local/1002@from-queue/n", null, null, "Local/1002@from-queue/n"));
    }

    @Test
    void aRowOfAnotherTenantIsRefused() {
        DisplayName other = new DisplayName("t2", NameKind.QUEUE, "q", "Q", NameOrigin.MANUAL, T0, "x");
        assertThatThrownBy(() -> NameBook.of("t1", List.of(other))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extensionsComeFromAgentDeviceAndLocalNamesButNotFromCallLegs() {
        assertThat(AgentExtension.of("Agent/1001")).contains("1001");
        assertThat(AgentExtension.of("pjsip/1001")).contains("1001");
        assertThat(AgentExtension.of("Local/1001@from-queue/n")).contains("1001");
        assertThat(AgentExtension.of("PJSIP/1001-0000002a")).isEmpty();
        assertThat(AgentExtension.of("Alice Able")).isEmpty();
        assertThat(AgentExtension.of(null)).isEmpty();
    }

    @Test
    void rulesRefuseBlankLongAndControlCharacterNamesAndUnknownKinds() {
        assertThat(NameRules.name("  Sales  ")).isEqualTo("Sales");
        assertThat(NameRules.kind("agent")).isEqualTo(NameKind.AGENT);
        assertThatThrownBy(() -> NameRules.name(" ")).isInstanceOf(InvalidDisplayName.class)
                .satisfies(e -> assertThat(((InvalidDisplayName) e).field()).isEqualTo("displayName"));
        assertThatThrownBy(() -> NameRules.name("x".repeat(101))).isInstanceOf(InvalidDisplayName.class);
        assertThatThrownBy(() -> NameRules.name("a\nb")).isInstanceOf(InvalidDisplayName.class);
        assertThatThrownBy(() -> NameRules.key("")).isInstanceOf(InvalidDisplayName.class)
                .satisfies(e -> assertThat(((InvalidDisplayName) e).field()).isEqualTo("key"));
        assertThatThrownBy(() -> NameRules.kind("CALLER")).isInstanceOf(InvalidDisplayName.class)
                .satisfies(e -> assertThat(((InvalidDisplayName) e).messageKey()).isEqualTo("names.error.kind"));
    }
}
