package io.queuelens.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How this server finds its peers in cluster mode, turned into Payara Micro's own data grid options.
 * Payara starts the Hazelcast member itself (the app only looks it up), so discovery has to be decided
 * on Payara's command line: multicast by default (Payara's auto-clustering), or a fixed TCP members
 * list where multicast does not pass (containers, clouds, some loopback setups).
 *
 * @param enabled          whether this server joins a cluster at all (alone it runs with {@code --nocluster})
 * @param name             the cluster's name: members only join others of the same name
 * @param members          {@code host[:port]} entries for TCP discovery; empty = multicast
 * @param port             first data grid port this member tries (0 = Payara's default)
 * @param interfaces       network interfaces the grid binds to and discovers on (empty = Payara's choice)
 * @param publicAddress    address:port the peers reach this member at behind NAT (empty = the bound one)
 */
public record ClusterSettings(boolean enabled, String name, List<String> members, int port,
                              String interfaces, String publicAddress) {

    static final String DEFAULT_NAME = "queuelens";

    static ClusterSettings from(Map<String, String> env) {
        String enabledValue = env.getOrDefault(Setting.CLUSTER_ENABLED.variable(), "false").strip();
        if (!enabledValue.equalsIgnoreCase("true") && !enabledValue.equalsIgnoreCase("false")) {
            throw new ConfigProblem(Setting.CLUSTER_ENABLED.variable() + "='" + enabledValue + "' must be true or false");
        }
        String name = env.getOrDefault(Setting.CLUSTER_NAME.variable(), DEFAULT_NAME).strip();
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigProblem(Setting.CLUSTER_NAME.variable() + "='" + name
                    + "' must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        List<String> members = new ArrayList<>();
        String list = env.getOrDefault(Setting.CLUSTER_MEMBERS.variable(), "");
        for (String member : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!member.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
                throw new ConfigProblem(Setting.CLUSTER_MEMBERS.variable() + " entry '" + member
                        + "' is not host or host:port (a comma-separated list, e.g. 10.0.0.5:6900,10.0.0.6:6900)");
            }
            members.add(member);
        }
        int port = 0;
        String portValue = env.get(Setting.CLUSTER_PORT.variable());
        if (portValue != null && !portValue.isBlank()) {
            try {
                port = Integer.parseInt(portValue.strip());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new ConfigProblem(Setting.CLUSTER_PORT.variable() + "='" + portValue + "' is not a port number (1-65535)");
            }
        }
        return new ClusterSettings(enabledValue.equalsIgnoreCase("true"), name, List.copyOf(members), port,
                env.getOrDefault(Setting.CLUSTER_INTERFACES.variable(), "").strip(),
                env.getOrDefault(Setting.CLUSTER_PUBLIC_ADDRESS.variable(), "").strip());
    }

    /**
     * Payara Micro's options for this setting: {@code --nocluster} alone, else the discovery options.
     * TCP discovery is Payara's {@code --clustermode tcpip:host:port,host:port}; Hazelcast tries a
     * member without a port on the grid port and the two after it.
     */
    List<String> payaraArguments() {
        if (!enabled) {
            return List.of("--nocluster");
        }
        List<String> args = new ArrayList<>(List.of("--clustername", name));
        if (!members.isEmpty()) {
            args.addAll(List.of("--clustermode", "tcpip:" + String.join(",", members)));
        }
        if (port > 0) {
            args.addAll(List.of("--startport", Integer.toString(port)));
        }
        if (!interfaces.isEmpty()) {
            args.addAll(List.of("--interfaces", interfaces));
        }
        if (!publicAddress.isEmpty()) {
            args.addAll(List.of("--hzpublicaddress", publicAddress));
        }
        return List.copyOf(args);
    }
}
