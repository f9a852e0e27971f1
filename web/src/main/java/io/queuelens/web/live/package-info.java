/**
 * Live push and the live pages. The live model publishes a snapshot per applied batch of events
 * ({@code LiveSnapshots}, CDI event {@code LiveChanged}); {@link io.queuelens.web.live.LivePush}
 * folds a tenant's changes into at most one push per window ({@link io.queuelens.web.live.Coalescer}),
 * turns the snapshot into flat JSON entries ({@link io.queuelens.web.live.LiveWire}), sends only the
 * entries and fields that changed since the last push ({@link io.queuelens.web.live.WireState#deltaFrom})
 * over the tenant's OmniFaces {@code <o:socket>} channel (written once-encoded to all its sockets by
 * {@link io.queuelens.web.live.SocketFanOut}, the one class that knows OmniFaces' and Tyrus's
 * internals), and serves the whole state on (re)connect
 * ({@link io.queuelens.web.live.LiveSnapshotServlet}). The browser (resources/queuelens/live.js)
 * applies deltas to the DOM itself: no JSF request per push.
 */
package io.queuelens.web.live;
