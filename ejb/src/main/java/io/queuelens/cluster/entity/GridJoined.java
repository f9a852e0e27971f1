package io.queuelens.cluster.entity;

/**
 * CDI event fired once at startup when this server is a cluster member and joined the grid: the components that
 * exchange state with their peers (live snapshots, alert notices) start listening then, whether or not anything
 * on this member has asked for them yet. Never fired when the server is alone.
 *
 * @param memberId this member's id ({@code Cluster.memberId()})
 */
public record GridJoined(String memberId) {
}
