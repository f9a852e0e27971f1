package io.queuelens.schema.control;

/**
 * Outcome of the schema migration at startup.
 *
 * @param done     migrations ran to the end
 * @param version  schema version reached, or null
 * @param applied  migrations applied during this start
 * @param error    what failed, or null
 */
public record MigrationState(boolean done, String version, int applied, String error) {

    static MigrationState pending() {
        return new MigrationState(false, null, 0, "migration has not run yet");
    }

    static MigrationState done(String version, int applied) {
        return new MigrationState(true, version, applied, null);
    }

    static MigrationState failed(String error) {
        return new MigrationState(false, null, 0, error);
    }
}
