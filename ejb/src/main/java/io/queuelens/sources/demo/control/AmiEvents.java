package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;

import java.util.Locale;

/**
 * Builds AMI events with the field sets of Asterisk 22 (see FORMATS.md §3 and the Asterisk 22
 * capture): channel snapshot blocks, the member side prefixed with {@code Dest}.
 */
final class AmiEvents {

    private AmiEvents() {
    }

    static AmiMessage.Builder snapshot(AmiMessage.Builder b, String prefix, SimChannel c) {
        return b.add(prefix + "Channel", c.name)
                .add(prefix + "ChannelState", c.state)
                .add(prefix + "ChannelStateDesc", c.stateDesc())
                .add(prefix + "CallerIDNum", c.callerNum)
                .add(prefix + "CallerIDName", c.callerName)
                .add(prefix + "ConnectedLineNum", c.connectedNum)
                .add(prefix + "ConnectedLineName", c.connectedName)
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", c.context)
                .add(prefix + "Exten", c.exten)
                .add(prefix + "Priority", c.priority)
                .add(prefix + "Uniqueid", c.uniqueid)
                .add(prefix + "Linkedid", c.linkedid);
    }

    private static AmiMessage.Builder channelEvent(String name, String privilege, SimChannel c) {
        return snapshot(AmiMessage.event(name).add("Privilege", privilege), "", c);
    }

    static AmiMessage newchannel(SimChannel c) {
        return channelEvent("Newchannel", "call,all", c).build();
    }

    static AmiMessage hangup(SimChannel c, int cause, String causeText) {
        return channelEvent("Hangup", "call,all", c).add("Cause", cause).add("Cause-txt", causeText).build();
    }

    static AmiMessage hold(SimChannel c) {
        return channelEvent("Hold", "call,all", c).add("MusicClass", "default").build();
    }

    static AmiMessage unhold(SimChannel c) {
        return channelEvent("Unhold", "call,all", c).build();
    }

    static AmiMessage callerJoinOrLeave(String event, SimChannel c, String queue, int position, int count) {
        return channelEvent(event, "agent,all", c).add("Queue", queue).add("Position", position).add("Count", count).build();
    }

    static AmiMessage callerAbandon(SimChannel c, String queue, int position, int origPosition, int holdSeconds) {
        return channelEvent("QueueCallerAbandon", "agent,all", c).add("Queue", queue).add("Position", position)
                .add("OriginalPosition", origPosition).add("HoldTime", holdSeconds).build();
    }

    /** AgentCalled, AgentRingNoAnswer, AgentConnect, AgentComplete, AgentDump: caller + Dest + member. */
    static AmiMessage.Builder agentEvent(String event, SimChannel caller, SimChannel dest, String queue, SimAgent agent) {
        AmiMessage.Builder b = channelEvent(event, "agent,all", caller);
        snapshot(b, "Dest", dest);
        return b.add("Queue", queue).add("Interface", agent.iface()).add("MemberName", agent.name);
    }

    /** QueueMemberStatus / Added / Removed / Pause: the member block of Asterisk 22. */
    static AmiMessage member(String event, String queue, SimAgent a) {
        AmiMessage.Builder b = AmiMessage.event(event).add("Privilege", "agent,all")
                .add("Queue", queue)
                .add("MemberName", a.name)
                .add("Interface", a.iface());
        return memberState(b, a)
                .add("Ringinuse", 0)
                .add("Wrapuptime", 0)
                .build();
    }

    /** QueueStatus list item for a member (no Ringinuse, Name/Location instead of MemberName/Interface). */
    static AmiMessage queueMember(String queue, SimAgent a) {
        AmiMessage.Builder b = AmiMessage.event("QueueMember")
                .add("Queue", queue)
                .add("Name", a.name)
                .add("Location", a.iface());
        return memberState(b, a)
                .add("Wrapuptime", 0)
                .build();
    }

    /** The member state headers both member events and the QueueStatus member item carry, in Asterisk's order. */
    private static AmiMessage.Builder memberState(AmiMessage.Builder b, SimAgent a) {
        return b.add("StateInterface", a.stateInterface())
                .add("Membership", "dynamic")
                .add("Penalty", 0)
                .add("CallsTaken", a.callsTaken)
                .add("LastCall", a.lastCallMs / 1000)
                .add("LastPause", a.lastPauseMs / 1000)
                .add("LoginTime", a.loginMs / 1000)
                .add("InCall", a.inCall() ? 1 : 0)
                .add("Status", a.deviceStatus())
                .add("Paused", a.paused() ? 1 : 0)
                .add("PausedReason", a.paused() ? a.pauseReason : "");
    }

    static AmiMessage queueParams(SimQueue q) {
        return AmiMessage.event("QueueParams")
                .add("Queue", q.name())
                .add("Max", 0)
                .add("Strategy", q.def.strategy())
                .add("Calls", q.waiting.size())
                .add("Holdtime", Math.round(q.holdtime))
                .add("TalkTime", Math.round(q.talktime))
                .add("Completed", q.completed)
                .add("Abandoned", q.abandoned)
                .add("ServiceLevel", q.def.slaSeconds())
                .add("ServicelevelPerf", String.format(Locale.ROOT, "%.1f", q.serviceLevelPerf()))
                .add("ServicelevelPerf2", String.format(Locale.ROOT, "%.1f", q.serviceLevelPerf2()))
                .add("Weight", q.def.weight())
                .build();
    }

    static AmiMessage queueEntry(SimQueue q, int position, SimCall call, long nowMs) {
        SimChannel c = call.channel;
        return AmiMessage.event("QueueEntry")
                .add("Queue", q.name())
                .add("Position", position)
                .add("Channel", c.name)
                .add("Uniqueid", c.uniqueid)
                .add("CallerIDNum", c.callerNum)
                .add("CallerIDName", c.callerName)
                .add("ConnectedLineNum", c.connectedNum)
                .add("ConnectedLineName", c.connectedName)
                .add("Wait", (nowMs - call.enterMs) / 1000)
                .add("Priority", 0)
                .build();
    }

    static AmiMessage queueSummary(SimQueue q, long nowMs) {
        int loggedIn = 0;
        int available = 0;
        for (SimAgent a : q.members) {
            if (a.loggedIn()) {
                loggedIn++;
                if (a.state == SimAgent.State.AVAILABLE) {
                    available++;
                }
            }
        }
        long longest = q.waiting.isEmpty() ? 0 : (nowMs - q.waiting.get(0).enterMs) / 1000;
        return AmiMessage.event("QueueSummary")
                .add("Queue", q.name())
                .add("LoggedIn", loggedIn)
                .add("Available", available)
                .add("Callers", q.waiting.size())
                .add("HoldTime", Math.round(q.holdtime))
                .add("TalkTime", Math.round(q.talktime))
                .add("LongestHoldTime", longest)
                .build();
    }

    static AmiMessage coreShowChannel(SimChannel c, long nowMs) {
        long seconds = Math.max(0, (nowMs - c.createdMs) / 1000);
        AmiMessage.Builder b = AmiMessage.event("CoreShowChannel");
        snapshot(b, "", c);
        return b.add("BridgeId", c.bridgeId)
                .add("Application", c.application)
                .add("ApplicationData", c.applicationData)
                .add("Duration", String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60))
                .build();
    }
}
