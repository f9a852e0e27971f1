/**
 * Jakarta Batch artifacts ({@code @Dependent @Named} readers, processors, writers, listeners) for the
 * jobs in {@code META-INF/batch-jobs}: nightly payouts, scheduled exports, bulk imports, rollup rebuilds.
 * They call the ejb module's boundaries; the jobs arrive with their issues.
 */
package io.queuelens.batch;
