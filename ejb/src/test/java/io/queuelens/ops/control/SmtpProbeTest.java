package io.queuelens.ops.control;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpProbeTest {

    @Test
    void greetsSaysEhloAndQuitsWithoutSendingMail() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread t = serve(server, "220 mail.test ESMTP\r\n", "250-mail.test\r\n250-SIZE 1000\r\n250 STARTTLS\r\n", heard);
            String ehlo = SmtpProbe.ehlo("127.0.0.1", server.getLocalPort(), false, 2000);
            t.join(2000);
            assertThat(ehlo).isEqualTo("250-mail.test");
        }
        assertThat(heard).containsExactly("EHLO queuelens", "QUIT");
    }

    @Test
    void aServerThatRefusesIsAnErrorNamingItsAnswer() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            serve(server, "554 no service\r\n", "", new CopyOnWriteArrayList<>());
            assertThatThrownBy(() -> SmtpProbe.ehlo("127.0.0.1", server.getLocalPort(), false, 2000))
                    .isInstanceOf(IOException.class).hasMessageContaining("554 no service");
        }
    }

    @Test
    void nobodyListeningIsAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> SmtpProbe.ehlo("127.0.0.1", port, false, 1000)).isInstanceOf(IOException.class);
    }

    private static Thread serve(ServerSocket server, String greeting, String ehloReply, List<String> heard) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    heard.add(line);
                    if (line.startsWith("EHLO")) {
                        out.write(ehloReply.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } else if (line.equals("QUIT")) {
                        out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the probe hung up
            }
        }, "fake-smtp");
        t.start();
        return t;
    }
}
