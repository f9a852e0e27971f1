/**
 * Outgoing mail: the SMTP settings (server-wide, scope {@code *}, or per tenant, which overrides them),
 * their test ("what exactly failed": DNS, connect, TLS, auth, recipient), and the durable outbox:
 * {@link io.queuelens.mail.boundary.Mailer} stores a message in {@code mail_delivery}, the outbox timer
 * ({@link io.queuelens.mail.boundary.OutboxTimer}) delivers due ones with exponential backoff and jitter.
 * Sessions are built from the database settings (never a server mail session); Jakarta Mail (Angus) is the
 * server's own.
 */
package io.queuelens.mail;
