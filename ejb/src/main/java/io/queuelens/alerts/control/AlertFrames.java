package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertNotice;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.Severity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static io.queuelens.cluster.control.Frames.expectFormat;
import static io.queuelens.cluster.control.Frames.readInstant;
import static io.queuelens.cluster.control.Frames.readNullable;
import static io.queuelens.cluster.control.Frames.writeInstant;
import static io.queuelens.cluster.control.Frames.writeNullable;

/**
 * What the alert component tells other cluster members, as bytes (no application class may travel through the
 * grid as an object): the in-app notices of the incidents of the tenants this member holds, for the browsers of
 * every member, and, the other way, rule changes and acknowledgements made on a member that does not hold the
 * tenant, for the one engine that evaluates it.
 */
public final class AlertFrames {

    static final byte FORMAT = 1;
    private static final byte NOTICE = 1;
    private static final byte RULE_CHANGED = 2;
    private static final byte ACKNOWLEDGED = 3;

    /** One message between members; {@code origin} is the id of the member that sent it. */
    public sealed interface Message permits Notice, RuleChanged, Acknowledged {
        String origin();

        String tenantId();
    }

    public record Notice(String origin, AlertNotice notice) implements Message {
        @Override
        public String tenantId() {
            return notice.tenantId();
        }
    }

    public record RuleChanged(String origin, String tenantId, long ruleId) implements Message {
    }

    public record Acknowledged(String origin, String tenantId, long ruleId, String scopeKey) implements Message {
    }

    private AlertFrames() {
    }

    public static byte[] encode(Message m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(m.origin());
            if (m instanceof Notice n) {
                out.writeByte(NOTICE);
                writeNotice(out, n.notice());
            } else if (m instanceof RuleChanged r) {
                out.writeByte(RULE_CHANGED);
                out.writeUTF(r.tenantId());
                out.writeLong(r.ruleId());
            } else if (m instanceof Acknowledged a) {
                out.writeByte(ACKNOWLEDGED);
                out.writeUTF(a.tenantId());
                out.writeLong(a.ruleId());
                out.writeUTF(a.scopeKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // never: the stream is in memory
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are no message of this format */
    public static Message decode(byte[] frame) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
            expectFormat(in, FORMAT, "alert");
            String origin = in.readUTF();
            byte kind = in.readByte();
            return switch (kind) {
                case NOTICE -> new Notice(origin, readNotice(in));
                case RULE_CHANGED -> new RuleChanged(origin, in.readUTF(), in.readLong());
                case ACKNOWLEDGED -> new Acknowledged(origin, in.readUTF(), in.readLong(), in.readUTF());
                default -> throw new IOException("unknown alert message kind " + kind);
            };
        } catch (RuntimeException e) {
            throw new IOException("unreadable alert frame: " + e, e);
        }
    }

    private static void writeNotice(DataOutputStream out, AlertNotice n) throws IOException {
        out.writeUTF(n.kind());
        out.writeLong(n.incidentId());
        out.writeUTF(n.tenantId());
        writeNullable(out, n.ruleName());
        out.writeUTF(n.severity().name());
        out.writeUTF(n.figure().name());
        writeNullable(out, n.scopeKey());
        writeNullable(out, n.scopeLabel());
        out.writeInt(n.queues().size());
        for (String q : n.queues()) {
            out.writeUTF(q);
        }
        out.writeDouble(n.value());
        writeNullable(out, n.condition());
        writeInstant(out, n.at());
        out.writeLong(n.liveAt());
    }

    private static AlertNotice readNotice(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        long incidentId = in.readLong();
        String tenantId = in.readUTF();
        String ruleName = readNullable(in);
        Severity severity = Severity.valueOf(in.readUTF());
        Figure figure = Figure.valueOf(in.readUTF());
        String scopeKey = readNullable(in);
        String scopeLabel = readNullable(in);
        List<String> queues = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            queues.add(in.readUTF());
        }
        return new AlertNotice(kind, incidentId, tenantId, ruleName, severity, figure, scopeKey, scopeLabel, queues,
                in.readDouble(), readNullable(in), readInstant(in), in.readLong());
    }
}
