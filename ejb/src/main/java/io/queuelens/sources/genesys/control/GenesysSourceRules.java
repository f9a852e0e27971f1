package io.queuelens.sources.genesys.control;

import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.sources.genesys.entity.GenesysRegion;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.sources.genesys.entity.GenesysSourceForm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a Genesys org form; each problem names its field (the page marks it, the API names the property)
 * and carries a key the admin page shows in the user's language ({@code asrc.p.<key>}, shared with the
 * Asterisk sources where the rule is the same).
 */
public final class GenesysSourceRules {

    static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";
    /** Source ids the server uses itself. */
    static final Set<String> RESERVED_NAMES = Set.of("demo", "demo-ami", "import", "sample");

    private GenesysSourceRules() {
    }

    /** @param stored the org being edited, or null when creating (then the secret is required) */
    public static List<SourceProblem> check(GenesysSourceForm f, GenesysSourceConfig stored) {
        List<SourceProblem> problems = new ArrayList<>();
        if (f.getName() == null || !f.getName().matches(NAME_PATTERN)) {
            problems.add(SourceProblem.of("name", "format.name", "1 to 32 of a-z 0-9 and '-', starting with a letter or digit"));
        } else if (stored != null && !f.getName().equals(stored.name())) {
            problems.add(SourceProblem.of("name", "orgNameFixed", "the name cannot change: the org's data is stored under '"
                    + stored.name() + "'; add a new org instead", stored.name()));
        } else if (stored == null && RESERVED_NAMES.contains(f.getName())) {
            problems.add(SourceProblem.of("name", "nameReserved", "'" + f.getName() + "' is used by QueueLens itself; choose another name",
                    f.getName()));
        }
        if (blank(f.getDisplayName())) {
            problems.add(SourceProblem.of("displayName", "required.displayName", "enter a display name"));
        } else if (f.getDisplayName().length() > 200) {
            problems.add(SourceProblem.of("displayName", "maxLength", "at most 200 characters", "200"));
        }
        boolean hasBase = !blank(f.getBaseUrl());
        if (hasBase && f.getBaseUrl().length() > 500) {
            problems.add(SourceProblem.of("baseUrl", "maxLength", "at most 500 characters", "500"));
        } else if (hasBase) {
            try {
                GenesysRegion.of(null, f.getBaseUrl());
            } catch (IllegalArgumentException e) {
                problems.add(SourceProblem.of("baseUrl", "format.baseUrl", "an http(s) URL with a host, e.g. https://api.example.com"));
            }
        }
        if (blank(f.getRegion()) || !GenesysRegion.DOMAINS.contains(f.getRegion().strip())) {
            problems.add(SourceProblem.of("region", "format.region", "one of " + String.join(", ", GenesysRegion.DOMAINS)));
        }
        if (blank(f.getClientId())) {
            problems.add(SourceProblem.of("clientId", "required.clientId", "enter the OAuth client id (client credentials grant)"));
        } else if (f.getClientId().length() > 100) {
            problems.add(SourceProblem.of("clientId", "maxLength", "at most 100 characters", "100"));
        }
        if (stored == null && (f.getClientSecret() == null || f.getClientSecret().isEmpty())) {
            problems.add(SourceProblem.of("clientSecret", "required.clientSecret", "enter the OAuth client secret"));
        } else if (f.getClientSecret() != null && f.getClientSecret().length() > 200) {
            problems.add(SourceProblem.of("clientSecret", "maxLength", "at most 200 characters", "200"));
        }
        return problems;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
