package io.queuelens.web.api;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the body's fault (400) and which the server's (500); the responses are checked in DisplayNamesIT. */
class UnreadableBodyMapperTest {

    @Test
    void aJsonBindingFailureAnywhereInTheCausesIsTheBodysFault() {
        assertThat(UnreadableBodyMapper.isUnreadableBody(new ProcessingException(new JsonbException("Unexpected char 110")))).isTrue();
        assertThat(UnreadableBodyMapper.isUnreadableBody(new ProcessingException("x",
                new IllegalStateException(new JsonbException("deep"))))).isTrue();
    }

    @Test
    void anotherProcessingFailureIsTheServersFault() {
        assertThat(UnreadableBodyMapper.isUnreadableBody(new ProcessingException("pool exhausted", new IllegalStateException()))).isFalse();
    }
}
