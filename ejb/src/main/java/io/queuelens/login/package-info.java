/**
 * Login security: throttling and lockout of repeated failed logins (per user name in the database,
 * per client address in bounded memory), the client address behind trusted reverse proxies, per-user
 * API tokens, "logout everywhere" and remember-me tokens. The web module's authentication mechanism
 * asks this component before and after it checks a credential.
 */
package io.queuelens.login;
