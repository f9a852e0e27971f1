/** Operations: health checks, metrics, the data directory, configuration checks. */
package io.queuelens.ops;
