package io.queuelens.sources.demo.entity;

/**
 * A queue of the demo PBX and the traffic it gets.
 *
 * @param name               Asterisk queue name
 * @param number             the FreePBX queue extension (CDR dst, dialplan exten)
 * @param did                the number callers dial
 * @param strategy           Asterisk strategy shown in QueueParams
 * @param slaSeconds         service level target (QueueParams ServiceLevel)
 * @param weight             Asterisk queue weight: members in several queues serve heavier queues first
 * @param trafficShare       share of all arriving calls
 * @param meanTalkSeconds    mean talk time
 * @param meanPatienceSeconds mean time a caller waits before hanging up
 * @param maxWaitSeconds     queue timeout (EXITWITHTIMEOUT)
 * @param overflowTo         queue a timed-out caller is sent to (same callid), or null: the caller hangs up
 */
public record QueueDefinition(String name, String number, String did, String strategy, int slaSeconds, int weight,
                              double trafficShare, int meanTalkSeconds, int meanPatienceSeconds,
                              int maxWaitSeconds, String overflowTo) {

    /** The demo's four queues: different targets, talk times, patience and one overflow chain each. */
    public static java.util.List<QueueDefinition> defaults() {
        return java.util.List.of(
                new QueueDefinition("vip", "403", "+4930123456403", "ringall", 10, 10, 0.10, 420, 90, 60, "sales"),
                new QueueDefinition("sales", "400", "+4930123456400", "rrmemory", 20, 5, 0.35, 240, 120, 300, null),
                new QueueDefinition("support", "401", "+4930123456401", "leastrecent", 30, 0, 0.40, 360, 180, 600, null),
                new QueueDefinition("billing", "402", "+4930123456402", "fewestcalls", 60, 0, 0.15, 300, 150, 300, "support"));
    }
}
