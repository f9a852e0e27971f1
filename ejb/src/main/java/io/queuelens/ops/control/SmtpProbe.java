package io.queuelens.ops.control;

import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Whether an SMTP server answers: connect (TLS from the start for port-465 style SSL), read the 220
 * greeting, send EHLO, read the 250 reply, QUIT. Sends no mail and no credentials.
 */
public final class SmtpProbe {

    private SmtpProbe() {
    }

    /** @return the server's EHLO greeting line; throws with what went wrong otherwise */
    public static String ehlo(String host, int port, boolean implicitTls, int timeoutMillis) throws IOException {
        try (Socket socket = implicitTls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String greeting = reply(in);
            if (!greeting.startsWith("220")) {
                throw new IOException("greeting was not 220: " + greeting);
            }
            out.write("EHLO queuelens\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String ehlo = reply(in);
            if (!ehlo.startsWith("250")) {
                throw new IOException("EHLO refused: " + ehlo);
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return ehlo;
        }
    }

    /** The first line of a (possibly multi-line) reply; reads up to its last line. */
    static String reply(BufferedReader in) throws IOException {
        String first = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (first == null) {
                first = line;
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return first;
            }
        }
        throw new IOException("connection closed by the server" + (first == null ? "" : " after " + first));
    }
}
