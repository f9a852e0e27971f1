/** Organizations (tenants): their time zone, locale and currency. Every row and query is tenant-scoped. */
package io.queuelens.tenancy;
