package io.queuelens.web.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write buffer reached through objects shaped like Payara's (a facade whose field {@code response} is
 * Catalina's response, whose {@code getCoyoteResponse()} is Grizzly's, whose {@code getOutputBuffer()} has
 * the size), and left alone where the shape differs. That Payara itself has this shape is checked by
 * WallboardBrowserIT (the server's log line).
 */
class SocketWriteBufferTest {

    /** Grizzly's OutputBuffer: the size changes only before anything was written. */
    public static final class GrizzlyOutputBuffer {
        int size = 8192;
        boolean written;

        public void setBufferSize(int size) {
            if (!written) {
                this.size = size;
            }
        }

        public int getBufferSize() {
            return size;
        }
    }

    public static final class GrizzlyResponse {
        final GrizzlyOutputBuffer buffer = new GrizzlyOutputBuffer();

        public GrizzlyOutputBuffer getOutputBuffer() {
            return buffer;
        }
    }

    public static final class CatalinaResponse {
        final GrizzlyResponse coyote = new GrizzlyResponse();

        public GrizzlyResponse getCoyoteResponse() {
            return coyote;
        }
    }

    /** Catalina's ResponseFacade: what a filter is given, with Catalina's response in a protected field. */
    static final class Facade {
        protected final CatalinaResponse response = new CatalinaResponse();
    }

    @Test
    void theGrizzlyBufferBehindTheFacadeIsShrunk() {
        Facade facade = new Facade();
        assertThat(SocketWriteBuffer.shrinkBehind(facade)).isTrue();
        assertThat(facade.response.coyote.buffer.size).isEqualTo(SocketWriteBuffer.BYTES);

        CatalinaResponse catalina = new CatalinaResponse(); // no facade in between
        assertThat(SocketWriteBuffer.shrinkBehind(catalina)).isTrue();
        assertThat(catalina.coyote.buffer.size).isEqualTo(SocketWriteBuffer.BYTES);
    }

    @Test
    void aBufferAlreadyWrittenToOrAnotherContainersResponseIsLeftAsItWas() {
        Facade facade = new Facade();
        facade.response.coyote.buffer.written = true;
        assertThat(SocketWriteBuffer.shrinkBehind(facade)).isFalse();
        assertThat(facade.response.coyote.buffer.size).isEqualTo(8192);

        assertThat(SocketWriteBuffer.shrinkBehind(new Object())).isFalse(); // no such field or method: not fatal
    }
}
