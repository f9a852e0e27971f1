/**
 * The built-in demo contact center: a simulated PBX that exercises the same code paths as a real
 * Asterisk. It serves the Asterisk Manager Interface (AMI 11.0.0, i.e. Asterisk 22) on a loopback TCP
 * port, writes the matching {@code queue_log} rows (Asterisk realtime table layout, table
 * {@code demo_queue_log}) and FreePBX-style CDR rows ({@code demo_cdr}) for the very same calls, and
 * optionally a pipe-separated queue_log file.
 * <ul>
 * <li>{@code entity}: value objects (AMI messages, queue_log rows, CDR rows, queue definitions, settings).</li>
 * <li>{@code control}: the discrete-event simulation, the AMI frame codec and server, the table and file
 * writers and the engine tying them together; plain classes, constructed directly in unit tests.</li>
 * <li>{@code boundary}: {@code DemoContactCenter}, the EJB that wires configuration, datasource and
 * managed executors, and exposes the source status and AMI endpoint.</li>
 * </ul>
 * The simulation is deterministic for a seed and start instant; the PBX tables stand for the PBX's own
 * database and are written with plain JDBC, never through JPA.
 */
package io.queuelens.sources.demo;
