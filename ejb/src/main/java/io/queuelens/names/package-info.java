/**
 * Display names of queues and agents: the system name (a queue id, an agent interface) a PBX uses, and
 * the name people know. Names are learned from the source (the live model's member names, the queue
 * names of a Genesys Cloud org's queue list) or set by hand; a manual name wins. For agents the book
 * also unifies the many system names of one person
 * ({@code Agent/1001}, {@code PJSIP/1001}, {@code Local/1001@from-queue/n} and the member name Asterisk
 * writes in queue_log) into one identity, so reports show one agent. Readers use a cached book per tenant.
 */
package io.queuelens.names;
