/** Users, roles, password hashing (PBKDF2) and the first administrator. */
package io.queuelens.identity;
