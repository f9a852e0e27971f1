/** The CDR search: paged, sorted, filtered call detail records of a tenant, and their recordings. */
package io.queuelens.cdrs;
