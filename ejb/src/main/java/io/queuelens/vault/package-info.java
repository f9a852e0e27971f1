/**
 * Encryption of the secrets QueueLens keeps for its sources (PBX database passwords, AMI secrets):
 * AES-256-GCM with a key that lives in a key file outside the database, so a database dump alone
 * reveals no credential. Every stored value names the key it was encrypted with, which is what a
 * later key rotation ({@code rotate-key}) and Payara password aliases build on.
 */
package io.queuelens.vault;
