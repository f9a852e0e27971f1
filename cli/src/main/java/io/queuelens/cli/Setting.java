package io.queuelens.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every environment variable QueueLens reads, with its default and meaning. The launcher validates
 * against this list, {@code ./queuelens help config} prints it and README.md mirrors it.
 * Application settings ({@code queuelens.x.y} in MicroProfile Config) are read by the server from
 * the same variables ({@code QUEUELENS_X_Y}).
 */
public enum Setting {
    // --- launcher ---
    PORT("QUEUELENS_PORT", "8080", "HTTP port of the server."),
    DATA_DIR("QUEUELENS_DATA_DIR", "./data", "Folder for the H2 database, the key file, logs and the Payara runtime."),
    DB_URL("QUEUELENS_DB_URL", "(H2 file in the data folder)",
            "App database: jdbc:h2:file:PATH, jdbc:mariadb://HOST:PORT/DB or jdbc:mysql://HOST:PORT/DB."),
    DB_USER("QUEUELENS_DB_USER", "sa for H2, root otherwise", "Database user."),
    DB_PASSWORD("QUEUELENS_DB_PASSWORD", "(empty)", "Database password; read from the environment only, never written to disk."),
    JAVA_OPTS("QUEUELENS_JAVA_OPTS", "-Xmx2g", "JVM options of the server process."),
    HOME("QUEUELENS_HOME", "(folder of the queuelens script)", "Where the built artifacts are found."),
    // --- application (MicroProfile Config) ---
    ADMIN_PASSWORD("QUEUELENS_ADMIN_PASSWORD", "(random, printed once)",
            "Password of the first administrator on an empty database; must be changed at first login."),
    API_TOKEN("QUEUELENS_API_TOKEN", "(off)",
            "Server-admin bearer token for the REST API (Authorization: Bearer ...); off when unset."),
    // --- login security (issue 5) ---
    LOGIN_MAX_FAILURES("QUEUELENS_LOGIN_MAX_FAILURES", "5",
            "Failed logins of one user name within the window that lock it (1 to 1000)."),
    LOGIN_IP_MAX_FAILURES("QUEUELENS_LOGIN_IP_MAX_FAILURES", "20",
            "Failed logins and bearer tokens from one client address within the window that lock the address (1 to 100000)."),
    LOGIN_FAILURE_WINDOW_SECONDS("QUEUELENS_LOGIN_FAILURE_WINDOW_SECONDS", "900",
            "Seconds within which failures count towards a lock."),
    LOGIN_LOCK_SECONDS("QUEUELENS_LOGIN_LOCK_SECONDS", "60",
            "Seconds of the first lock; every further lock before a successful login doubles it."),
    LOGIN_MAX_LOCK_SECONDS("QUEUELENS_LOGIN_MAX_LOCK_SECONDS", "3600", "Longest lock in seconds."),
    LOGIN_REMEMBER_ME_DAYS("QUEUELENS_LOGIN_REMEMBER_ME_DAYS", "14",
            "Days an opt-in remember-me login lasts without use (1 to 365)."),
    TRUSTED_PROXIES("QUEUELENS_TRUSTED_PROXIES", "(none)",
            "Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For (and SSO header) are believed."),
    SSO_HEADER("QUEUELENS_SSO_HEADER", "(off)",
            "Single sign-on: header (e.g. X-Remote-User) naming the user a trusted proxy authenticated; off when unset."),
    INGEST_INTERVAL_MS("QUEUELENS_INGEST_INTERVAL_MS", "2000", "How often history readers look for new queue_log rows (ms)."),
    RECORDINGS_DIR("QUEUELENS_RECORDINGS_DIR", "(recordings in the data folder)",
            "Folder call recordings are served from (FreePBX: /var/spool/asterisk/monitor); the demo writes its own there."),
    INGEST_BATCH_ROWS("QUEUELENS_INGEST_BATCH_ROWS", "5000", "Rows one history step reads and commits at most."),
    IMPORT_BATCH_LINES("QUEUELENS_IMPORT_BATCH_LINES", "20000",
            "Lines one commit of a queue_log file import holds (bounds memory and the work a kill loses)."),
    CDR_LOOKBACK_MINUTES("QUEUELENS_CDR_LOOKBACK_MINUTES", "240",
            "How far back a CDR reader looks again for rows written late (longer than nearly every call)."),
    CDR_RESCAN_SECONDS("QUEUELENS_CDR_RESCAN_SECONDS", "60", "How often a caught-up CDR reader goes back that far."),
    CDR_RELINK_MINUTES("QUEUELENS_CDR_RELINK_MINUTES", "10", "How long CDRs without a visit are offered to their visits again."),
    SOURCES_FILE_ROOTS("QUEUELENS_SOURCES_FILE_ROOTS", "/var/log/asterisk",
            "Comma-separated folders a queue_log FILE source may read from; other paths are refused."),
    DEMO_ENABLED("QUEUELENS_DEMO_ENABLED", "true", "Run the built-in demo contact center as tenant 'demo'."),
    DEMO_TENANT("QUEUELENS_DEMO_TENANT", "demo", "Tenant id of the demo contact center."),
    DEMO_TIME_ZONE("QUEUELENS_DEMO_TIME_ZONE", "Europe/Berlin", "Time zone of the demo tenant (drives its daily curve)."),
    DEMO_SEED("QUEUELENS_DEMO_SEED", "42", "Random seed: the same seed gives the same calls."),
    DEMO_AGENTS("QUEUELENS_DEMO_AGENTS", "40", "Number of simulated agents (10 to 200)."),
    DEMO_SPEED("QUEUELENS_DEMO_SPEED", "1.0", "Simulated seconds per real second."),
    DEMO_EVENT_RATE("QUEUELENS_DEMO_EVENT_RATE", "0", "Target AMI events per second for load tests; 0 = natural rate."),
    DEMO_TICK_MILLIS("QUEUELENS_DEMO_TICK_MILLIS", "100",
            "Milliseconds between the demo's simulation steps: each step sends the AMI events of its slice in one burst."),
    DEMO_BACKFILL_DAYS("QUEUELENS_DEMO_BACKFILL_DAYS", "30", "Days of history the demo writes at first start."),
    DEMO_AMI_HOST("QUEUELENS_DEMO_AMI_HOST", "127.0.0.1", "Address the demo AMI server listens on."),
    DEMO_AMI_PORT("QUEUELENS_DEMO_AMI_PORT", "15038", "Port of the demo AMI server; 0 picks a free one."),
    DEMO_QUEUE_LOG_FILE("QUEUELENS_DEMO_QUEUE_LOG_FILE", "(off)", "Also write the demo's queue_log to this file."),
    VAULT_KEY_FILE("QUEUELENS_VAULT_KEY_FILE", "(vault.key in the data folder)",
            "Key file that encrypts source passwords and secrets; created (mode 0600) at first start."),
    VAULT_KEY("QUEUELENS_VAULT_KEY", "(off: the key file is used)",
            "The vault key itself (base64 of 32 bytes) instead of the key file; on Payara ${ALIAS=queuelens-vault-key}."),
    AMI_PING_INTERVAL_SECONDS("QUEUELENS_AMI_PING_INTERVAL_SECONDS", "10",
            "Seconds between pings of a logged-in AMI peer; 0 turns stall detection off."),
    AMI_PING_TIMEOUT_SECONDS("QUEUELENS_AMI_PING_TIMEOUT_SECONDS", "5",
            "Seconds a ping may go unanswered before the AMI connection counts as stalled and is made anew."),
    GENESYS_LIVE_HEARTBEAT_TIMEOUT_SECONDS("QUEUELENS_GENESYS_LIVE_HEARTBEAT_TIMEOUT_SECONDS", "90",
            "Seconds a Genesys notification socket may stay silent (no heartbeat) before a new channel is made."),
    GENESYS_LIVE_RENEW_MINUTES("QUEUELENS_GENESYS_LIVE_RENEW_MINUTES", "10",
            "Minutes before a Genesys notification channel's 24 h expiry that a new one replaces it."),
    GENESYS_LIVE_RESYNC_SECONDS("QUEUELENS_GENESYS_LIVE_RESYNC_SECONDS", "300",
            "Seconds between observation queries that check a Genesys org's live picture; 0 = only after reconnects."),
    GENESYS_MAX_REQUESTS_PER_MINUTE("QUEUELENS_GENESYS_MAX_REQUESTS_PER_MINUTE", "300",
            "Requests per minute each Genesys org's API client allows itself (a 429 is waited out besides)."),
    GENESYS_HISTORY_POLL_MINUTES("QUEUELENS_GENESYS_HISTORY_POLL_MINUTES", "5",
            "Minutes between reads of each Genesys org's new conversation details; 0 = only on request."),
    GENESYS_HISTORY_OVERLAP_MINUTES("QUEUELENS_GENESYS_HISTORY_OVERLAP_MINUTES", "120",
            "Minutes each Genesys details read goes back before the last one's end (conversations finish late)."),
    GENESYS_HISTORY_BACKFILL_DAYS("QUEUELENS_GENESYS_HISTORY_BACKFILL_DAYS", "1",
            "Days a new Genesys org's first details read goes back."),
    GENESYS_CROSSCHECK_TIME("QUEUELENS_GENESYS_CROSSCHECK_TIME", "03:30",
            "Local time (HH:MM, each tenant's time zone) after which every enabled Genesys org's yesterday is read again and cross-checked against Genesys's aggregates (job genesys-crosscheck, once per org and day)."),
    LIVE_MAX_CALLS("QUEUELENS_LIVE_MAX_CALLS", "50000",
            "Calls in progress the live model follows per tenant; the oldest are dropped (and counted) past it."),
    LIVE_INBOX_CAPACITY("QUEUELENS_LIVE_INBOX_CAPACITY", "200000",
            "AMI events queued for a tenant's live model before they are dropped (counted) and a resync is asked for."),
    LIVE_STORED_REFRESH_SECONDS("QUEUELENS_LIVE_STORED_REFRESH_SECONDS", "30",
            "How often a tenant's live 'today' figures are compared with the stored facts again (0 = only at start): each 15-minute bucket shows the facts or the live count, whichever has more calls offered."),
    LIVE_PUSH_INTERVAL_MS("QUEUELENS_LIVE_PUSH_INTERVAL_MS", "200",
            "Live changes of a tenant are pushed to its open live pages at most once per this many ms (10 to 60000)."),
    CLUSTER_LIVE_PUBLISH_MS("QUEUELENS_CLUSTER_LIVE_PUBLISH_MS", "100",
            "In a cluster, the member holding a tenant sends its live snapshot to the other members at most once per this many ms, the latest (10 to 60000)."),
    CLUSTER_LIVE_STALE_SECONDS("QUEUELENS_CLUSTER_LIVE_STALE_SECONDS", "5",
            "In a cluster, a member shows a tenant disconnected when the holding member's snapshots stop for longer than this (1 to 3600)."),
    // --- hardening ---
    PUBLIC_ORIGIN("QUEUELENS_PUBLIC_ORIGIN", "(off)",
            "Comma-separated origins (https://host[:port]) a reverse proxy serves QueueLens under; cookie-authenticated REST changes from them pass the CSRF check."),
    RATE_LIMIT_API_PER_MINUTE("QUEUELENS_RATE_LIMIT_API_PER_MINUTE", "1200",
            "REST calls per minute per caller (user, token, or IP); more are answered 429 with Retry-After."),
    RATE_LIMIT_API_BURST("QUEUELENS_RATE_LIMIT_API_BURST", "300", "REST calls a caller may make at once before the per-minute rate applies."),
    RATE_LIMIT_LOGIN_PER_MINUTE("QUEUELENS_RATE_LIMIT_LOGIN_PER_MINUTE", "30",
            "Login form posts per minute per client IP; more are answered 429 with Retry-After."),
    RATE_LIMIT_LOGIN_BURST("QUEUELENS_RATE_LIMIT_LOGIN_BURST", "10", "Login form posts an IP may make at once before the per-minute rate applies."),
    // --- live push fan-out ---
    LIVE_PUSH_THREADS("QUEUELENS_LIVE_PUSH_THREADS", "2",
            "Threads that write one live push to the open live pages' sockets (1 to 64)."),
    LIVE_SOCKET_BACKLOG("QUEUELENS_LIVE_SOCKET_BACKLOG", "16",
            "Live pushes a slow live page's socket may have unwritten; further ones are dropped for it and the page reloads the state (1 to 10000)."),
    // --- payouts ---
    PAYOUTS_NIGHTLY_TIME("QUEUELENS_PAYOUTS_NIGHTLY_TIME", "02:30",
            "Local time (HH:MM, each tenant's time zone) after which yesterday's payouts are computed."),
    PAYOUTS_NIGHTLY_CHECK_SECONDS("QUEUELENS_PAYOUTS_NIGHTLY_CHECK_SECONDS", "300",
            "Seconds between two looks for tenants whose nightly payouts are due (5 to 3600)."),
    PAYOUTS_ITEM_DELAY_MS("QUEUELENS_PAYOUTS_ITEM_DELAY_MS", "0",
            "Milliseconds the payout job waits per agent-day (throttle; 0 to 60000)."),
    // --- jobs ---
    JOBS_RECOVERY_CHECK_MS("QUEUELENS_JOBS_RECOVERY_CHECK_MS", "5000",
            "Cluster mode: milliseconds between two looks for jobs a stopped member left running (1000 to 600000)."),
    // --- sessions ---
    SESSION_CUTOFF_CACHE_MS("QUEUELENS_SESSION_CUTOFF_CACHE_MS", "1000",
            "Milliseconds a user's session cut-off generation is kept in memory; another cluster member notices 'log out everywhere' within this time (0 = read on every request)."),
    // --- mail ---
    MAIL_POLL_SECONDS("QUEUELENS_MAIL_POLL_SECONDS", "15", "Seconds between two looks of the mail outbox for due mails (1 to 3600)."),
    MAIL_RETRY_MAX_ATTEMPTS("QUEUELENS_MAIL_RETRY_MAX_ATTEMPTS", "8",
            "Delivery attempts of one mail before it is marked FAILED (a permanent 5xx refusal fails at once)."),
    MAIL_RETRY_BASE_SECONDS("QUEUELENS_MAIL_RETRY_BASE_SECONDS", "30",
            "Wait before the first retry of a mail; doubled per attempt, a random half taken off."),
    MAIL_RETRY_MAX_BACKOFF_SECONDS("QUEUELENS_MAIL_RETRY_MAX_BACKOFF_SECONDS", "3600", "Longest wait between two attempts of a mail."),
    MAIL_TIMEOUT_SECONDS("QUEUELENS_MAIL_TIMEOUT_SECONDS", "20", "Timeout of every SMTP step (connect, read, write)."),
    MAIL_KEEP_DAYS("QUEUELENS_MAIL_KEEP_DAYS", "90", "Days sent and failed mails (with their attachments) stay in the delivery log."),
    // --- alerts ---
    ALERTS_RENOTIFY_MINUTES("QUEUELENS_ALERTS_RENOTIFY_MINUTES", "15",
            "A firing, unacknowledged alert is repeated at most once per this many minutes."),
    ALERTS_MAX_ATTEMPTS("QUEUELENS_ALERTS_MAX_ATTEMPTS", "8", "Attempts of one webhook or e-mail alert delivery before it is logged FAILED."),
    ALERTS_RETRY_BASE_SECONDS("QUEUELENS_ALERTS_RETRY_BASE_SECONDS", "5",
            "Wait before the first retry of an alert delivery; doubled per attempt, a random half taken off."),
    ALERTS_RETRY_MAX_SECONDS("QUEUELENS_ALERTS_RETRY_MAX_SECONDS", "900", "Longest wait between two attempts of an alert delivery."),
    ALERTS_RETRY_POLL_SECONDS("QUEUELENS_ALERTS_RETRY_POLL_SECONDS", "5", "Seconds between two looks for alert deliveries due again."),
    ALERTS_WEBHOOK_TIMEOUT_SECONDS("QUEUELENS_ALERTS_WEBHOOK_TIMEOUT_SECONDS", "5", "Connect and answer timeout of one webhook call."),
    ALERTS_TELEGRAM_BASE_URL("QUEUELENS_ALERTS_TELEGRAM_BASE_URL", "https://api.telegram.org",
            "Base URL of the Telegram Bot API (<base>/bot<token>/sendMessage)."),
    ALERTS_INTERVAL_DELAY_SECONDS("QUEUELENS_ALERTS_INTERVAL_DELAY_SECONDS", "30",
            "Seconds after each 15-minute boundary at which the interval figures of alert rules are read."),
    // --- report subscriptions ---
    SUBSCRIPTIONS_ATTACH_MAX_MB("QUEUELENS_SUBSCRIPTIONS_ATTACH_MAX_MB", "10",
            "Largest total size (MB) of a subscription mail's attachments; bigger reports are sent as signed download links."),
    SUBSCRIPTIONS_LINK_DAYS("QUEUELENS_SUBSCRIPTIONS_LINK_DAYS", "7", "Days a subscription mail's download links work (1 to 365)."),
    SUBSCRIPTIONS_LINK_BASE_URL("QUEUELENS_SUBSCRIPTIONS_LINK_BASE_URL", "",
            "Address the download links point to (e.g. https://queuelens.example.com); empty = first QUEUELENS_PUBLIC_ORIGIN, else http://localhost:8080."),
    SUBSCRIPTIONS_SCHEDULER_ENABLED("QUEUELENS_SUBSCRIPTIONS_SCHEDULER_ENABLED", "true",
            "Launch due report subscriptions from this server (checked every minute)."),
    // --- operations and logs (issue 8) ---
    OPS_MIN_FREE_DISK_MB("QUEUELENS_OPS_MIN_FREE_DISK_MB", "1024",
            "Free megabytes the data folder must have; below, the disk health check and the self-check fail."),
    LOG_FORMAT("QUEUELENS_LOG_FORMAT", "text", "Log format: text, or json (one JSON object per line: time, level, logger, thread, message, exception)."),
    LOG_FILE("QUEUELENS_LOG_FILE", "(off)", "A log file of QueueLens's own, in QUEUELENS_LOG_FORMAT, rotated by size; off when unset."),
    LOG_MAX_SIZE_MB("QUEUELENS_LOG_MAX_SIZE_MB", "50", "Megabytes at which QUEUELENS_LOG_FILE is rotated."),
    LOG_MAX_FILES("QUEUELENS_LOG_MAX_FILES", "10", "Rotated log files kept (QUEUELENS_LOG_FILE.0 is the current one)."),
    // --- cluster (issue 9) ---
    CLUSTER_ENABLED("QUEUELENS_CLUSTER_ENABLED", "false",
            "Join the other QueueLens servers sharing this MariaDB/MySQL database as one cluster (also: ./queuelens run --cluster); H2 cannot be shared."),
    CLUSTER_NAME("QUEUELENS_CLUSTER_NAME", "queuelens", "Cluster name: servers only join peers of the same name."),
    CLUSTER_MEMBERS("QUEUELENS_CLUSTER_MEMBERS", "(multicast discovery)",
            "Comma-separated host[:port] of peers to find by TCP instead of multicast, e.g. 10.0.0.5:6900,10.0.0.6:6900."),
    CLUSTER_PORT("QUEUELENS_CLUSTER_PORT", "(Payara's data grid port)",
            "First port this server's data grid listens on (the next free one is taken when it is in use)."),
    CLUSTER_INTERFACES("QUEUELENS_CLUSTER_INTERFACES", "(Payara's choice)",
            "Network interfaces the data grid binds to, e.g. 127.0.0.1 or 10.0.0.*."),
    CLUSTER_PUBLIC_ADDRESS("QUEUELENS_CLUSTER_PUBLIC_ADDRESS", "(the bound address)",
            "host:port peers reach this server's data grid at, behind NAT or in containers."),
    CLUSTER_LEASE_RENEW_MS("QUEUELENS_CLUSTER_LEASE_RENEW_MS", "2000",
            "How often a member renews its tenants' source leases and looks for free ones (ms)."),
    CLUSTER_LEASE_TTL_MS("QUEUELENS_CLUSTER_LEASE_TTL_MS", "6000",
            "How long a lease lasts unrenewed: a dead member's sources move to another after about this (ms).");

    private final String variable;
    private final String defaultValue;
    private final String description;

    Setting(String variable, String defaultValue, String description) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String variable() {
        return variable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byVariable(String variable) {
        return Arrays.stream(values()).filter(s -> s.variable.equals(variable)).findFirst();
    }
}
