package io.queuelens.ops.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * DOWN when the old generation is still nearly full right after a collection: a process in that
 * state spends its time collecting garbage and is better restarted. Uses the usage measured after
 * the last collection, not the current usage, which includes garbage and would flap.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    static final double MAX_SHARE_AFTER_GC = 0.95;

    @Override
    public HealthCheckResponse call() {
        double worst = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null && afterGc.getMax() > 0) {
                worst = Math.max(worst, (double) afterGc.getUsed() / afterGc.getMax());
            }
        }
        Runtime rt = Runtime.getRuntime();
        return HealthCheckResponse.named("heap")
                .status(worst < MAX_SHARE_AFTER_GC)
                .withData("maxShareAfterGc", Math.round(worst * 100) + "%")
                .withData("maxMb", rt.maxMemory() >> 20)
                .build();
    }
}
