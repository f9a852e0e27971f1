package io.queuelens.cluster.boundary;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * This server among its peers. Alone (the default) it has a random id for this boot and no grid; with
 * {@code queuelens.cluster.enabled} it joins the Hazelcast member Payara Micro started (the launcher's
 * {@code --cluster} drops {@code --nocluster} and sets the discovery), and its id is that member's
 * UUID, so the ids of live members are exactly what the grid reports.
 */
@ApplicationScoped
public class Cluster {

    /** Payara's JNDI name of its Hazelcast instance (the default of {@code set-hazelcast-configuration}). */
    static final String GRID_JNDI = "payara/Hazelcast";

    /** Whether this server works with peers through Payara's data grid; needs a shared MariaDB/MySQL. */
    @Inject
    @ConfigProperty(name = "queuelens.cluster.enabled", defaultValue = "false")
    boolean enabled;

    private HazelcastInstance grid;
    private String memberId;

    @PostConstruct
    void join() {
        if (!enabled) {
            memberId = "solo-" + UUID.randomUUID();
            return;
        }
        try {
            grid = (HazelcastInstance) new InitialContext().lookup(GRID_JNDI);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("queuelens.cluster.enabled is set but Payara's data grid ("
                    + GRID_JNDI + ") is not there: was the server started with --nocluster?", e);
        }
        memberId = grid.getCluster().getLocalMember().getUuid().toString();
    }

    public boolean clustered() {
        return grid != null;
    }

    /** This server's id: the grid member's UUID when clustered, else {@code solo-<random>} per boot. */
    public String memberId() {
        return memberId;
    }

    /** Payara's Hazelcast instance, when clustered. */
    public Optional<HazelcastInstance> grid() {
        return Optional.ofNullable(grid);
    }

    /** Ids of the members the grid sees now (this one included); alone, just this server's. */
    public Set<String> memberIds() {
        if (grid == null) {
            return Set.of(memberId);
        }
        return grid.getCluster().getMembers().stream()
                .map(Member::getUuid).map(UUID::toString).collect(Collectors.toUnmodifiableSet());
    }
}
