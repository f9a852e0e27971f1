package io.queuelens.sources.demo.control;

/** A channel of the simulated PBX: the fields of an AMI channel snapshot plus what CoreShowChannels needs. */
final class SimChannel {
    final String name;
    final String uniqueid;
    final String linkedid;
    final long createdMs;
    int state;
    String callerNum;
    String callerName;
    String connectedNum = "<unknown>";
    String connectedName = "<unknown>";
    String context;
    String exten;
    int priority = 1;
    String application = "";
    String applicationData = "";
    String bridgeId = "";

    SimChannel(String name, String uniqueid, String linkedid, long createdMs, int state, String callerNum,
               String callerName, String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.createdMs = createdMs;
        this.state = state;
        this.callerNum = callerNum;
        this.callerName = callerName;
        this.context = context;
        this.exten = exten;
    }

    String stateDesc() {
        return switch (state) {
            case 0 -> "Down";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            default -> "Unknown";
        };
    }
}
