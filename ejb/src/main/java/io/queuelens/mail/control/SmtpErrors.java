package io.queuelens.mail.control;

import io.queuelens.mail.entity.SmtpStage;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import javax.net.ssl.SSLException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies what Jakarta Mail threw into the stage that failed and whether it is permanent. Only the
 * API's exceptions are named here: the reply codes of the implementation's exceptions (Angus'
 * {@code SMTPAddressFailedException}, {@code SMTPSendFailedException}) are read through their
 * {@code getReturnCode()}, or from the reply text, so the component compiles against the API alone.
 * Permanent = the server answered 5xx: the same mail would be refused again.
 */
public final class SmtpErrors {

    private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

    private SmtpErrors() {
    }

    public static SmtpFailure classify(Throwable error) {
        List<Throwable> chain = chain(error);
        int code = replyCode(chain);
        boolean permanent = code >= 500 && code < 600;
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return new SmtpFailure(SmtpStage.DNS, 0, false, "host name not found: " + t.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SSLException) {
                return new SmtpFailure(SmtpStage.TLS, code, false, "TLS failed: " + oneLine(t.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new SmtpFailure(SmtpStage.CONNECT, 0, false, "cannot connect: " + oneLine(t.getMessage()));
            }
            if (t instanceof SocketTimeoutException) {
                return new SmtpFailure(SmtpStage.CONNECT, 0, false, "no answer in time: " + oneLine(t.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AuthenticationFailedException) {
                return new SmtpFailure(SmtpStage.AUTH, code, permanent, "the server refused the user name or password"
                        + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage())));
            }
        }
        for (Throwable t : chain) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("STARTTLS")) {
                return new SmtpFailure(SmtpStage.TLS, code, false, oneLine(m));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
                return new SmtpFailure(SmtpStage.RECIPIENT, code, permanent || code == 0, "recipient refused: "
                        + join(s.getInvalidAddresses()) + detail(chain));
            }
            if (t.getClass().getSimpleName().equals("SMTPAddressFailedException")) {
                return new SmtpFailure(SmtpStage.RECIPIENT, code, permanent, "recipient refused: " + oneLine(t.getMessage()));
            }
        }
        if (error instanceof MessagingException || code > 0) {
            return new SmtpFailure(SmtpStage.MESSAGE, code, permanent, oneLine(String.valueOf(deepest(chain).getMessage())));
        }
        return new SmtpFailure(SmtpStage.CONNECT, 0, false, error.getClass().getSimpleName() + ": " + oneLine(error.getMessage()));
    }

    /** The SMTP reply code of the first exception in the chain that has one. */
    static int replyCode(List<Throwable> chain) {
        for (Throwable t : chain) {
            try {
                Method m = t.getClass().getMethod("getReturnCode");
                Object rc = m.invoke(t);
                if (rc instanceof Integer i && i > 0) {
                    return i;
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not an SMTP exception of the implementation: try its text
            }
            Matcher m = REPLY.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    /** The exception, its causes and Jakarta Mail's "next" exceptions, each once. */
    static List<Throwable> chain(Throwable error) {
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> todo = new ArrayList<>(List.of(error));
        while (!todo.isEmpty() && out.size() < 20) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            if (t instanceof MessagingException me) {
                todo.add(me.getNextException());
            }
            todo.add(t.getCause());
        }
        return out;
    }

    private static Throwable deepest(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (REPLY.matcher(String.valueOf(t.getMessage())).find()) {
                return t;
            }
        }
        return chain.get(chain.size() - 1);
    }

    private static String detail(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (REPLY.matcher(String.valueOf(t.getMessage())).find()) {
                return " (" + oneLine(t.getMessage()) + ")";
            }
        }
        return "";
    }

    private static String join(Address[] addresses) {
        return String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
