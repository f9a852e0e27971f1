#!/usr/bin/env bash
# Installs (or upgrades) QueueLens on a running Payara Server 6 domain.
#
# It fills in deploy-ear.asadmin (next to this script) from the environment variables below and runs
# it one step at a time with "asadmin multimode", stopping at the first failure. Running it again
# is how you upgrade or change settings: it first undeploys QueueLens and removes the resources and
# system properties an earlier run created, then creates them again from the current settings.
# server-config/README.md is the full guide.
#
# Required:
#   PAYARA_HOME            Payara Server folder (the one holding bin/asadmin)
#   QUEUELENS_EAR          path of queuelens.ear
#   QUEUELENS_DB_URL       jdbc:mariadb://host:3306/queuelens, jdbc:mysql://host:3306/queuelens,
#                          or jdbc:h2:file:/path/queuelens;MODE=MariaDB (evaluation only)
#   QUEUELENS_DATA_DIR     folder for files that are not in the database (created if missing)
# Database (optional):
#   QUEUELENS_DB_USER      database user (H2 default: sa)
#   QUEUELENS_DB_PASSWORD  database password; stored as the Payara password alias queuelens-db-password
#   QUEUELENS_DB_KIND      mariadb | mysql | h2 (default: from the URL scheme)
#   QUEUELENS_DB_VERSION   MariaDB major.minor, default 10.11 (tells Hibernate the server version)
#   QUEUELENS_JDBC_DRIVER  mysql-connector-j jar (default: mysql-connector-j.jar next to this script,
#                          else server-config/target/runtime/mysql-connector-j.jar from the build)
#   QUEUELENS_POOL_MAX     maximum connections in the pool, default 32
# Mail (optional):
#   QUEUELENS_SMTP_HOST (localhost), QUEUELENS_SMTP_PORT (25), QUEUELENS_SMTP_FROM (queuelens@localhost),
#   QUEUELENS_SMTP_USER (queuelens), QUEUELENS_SMTP_PASSWORD (enables SMTP authentication; stored as the
#   password alias queuelens-smtp-password), QUEUELENS_SMTP_STARTTLS (true|false, default false)
# Other settings (optional):
#   QUEUELENS_PROPERTIES   more application settings as system properties, separated by spaces,
#                          e.g. "queuelens.demo.enabled=false" (names must start with queuelens.)
# Connection to the domain (read by asadmin itself; defaults: localhost, 4848, admin, no password):
#   AS_ADMIN_HOST, AS_ADMIN_PORT, AS_ADMIN_USER, AS_ADMIN_PASSWORDFILE
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMPLATE="$SCRIPT_DIR/deploy-ear.asadmin"

log() { printf '[queuelens-install] %s\n' "$*"; }
die() { printf '[queuelens-install] ERROR: %s\n' "$*" >&2; exit 1; }

# --- settings ------------------------------------------------------------------------------------
: "${PAYARA_HOME:?set PAYARA_HOME to the Payara Server folder}"
: "${QUEUELENS_EAR:?set QUEUELENS_EAR to the path of queuelens.ear}"
: "${QUEUELENS_DB_URL:?set QUEUELENS_DB_URL, e.g. jdbc:mariadb://127.0.0.1:3306/queuelens}"
: "${QUEUELENS_DATA_DIR:?set QUEUELENS_DATA_DIR, e.g. /var/lib/queuelens}"

ASADMIN="$PAYARA_HOME/bin/asadmin"
[[ -x "$ASADMIN" ]] || die "no asadmin at $ASADMIN (check PAYARA_HOME)"
[[ -f "$TEMPLATE" ]] || die "missing $TEMPLATE"
[[ -f "$QUEUELENS_EAR" ]] || die "no EAR at $QUEUELENS_EAR"
EAR="$(cd "$(dirname "$QUEUELENS_EAR")" && pwd)/$(basename "$QUEUELENS_EAR")"

DB_URL="$QUEUELENS_DB_URL"
case "$DB_URL" in
    jdbc:mariadb:*) DB_KIND_FROM_URL=mariadb
                    # The pool uses mysql-connector-j, which only accepts the jdbc:mysql scheme.
                    DB_URL="jdbc:mysql:${DB_URL#jdbc:mariadb:}" ;;
    jdbc:mysql:*)   DB_KIND_FROM_URL=mysql ;;
    jdbc:h2:*)      DB_KIND_FROM_URL=h2 ;;
    *) die "QUEUELENS_DB_URL must start with jdbc:mariadb:, jdbc:mysql: or jdbc:h2: (got $DB_URL)" ;;
esac
DB_KIND="${QUEUELENS_DB_KIND:-$DB_KIND_FROM_URL}"
case "$DB_KIND" in
    mariadb|mysql) FAMILY=MYSQL ;;
    h2)            FAMILY=H2 ;;
    *) die "QUEUELENS_DB_KIND must be mariadb, mysql or h2 (got $DB_KIND)" ;;
esac
if [[ $FAMILY == MYSQL && $DB_URL != *[?\&]rewriteBatchedStatements=* ]]; then
    # as cli PostBootCommands: JDBC batches as multi-row INSERTs (docs/PERFORMANCE.md, import)
    if [[ $DB_URL == *\?* ]]; then DB_URL="$DB_URL&rewriteBatchedStatements=true"; else DB_URL="$DB_URL?rewriteBatchedStatements=true"; fi
fi
if [[ $FAMILY == H2 ]]; then DB_USER="${QUEUELENS_DB_USER:-sa}"; else
    DB_USER="${QUEUELENS_DB_USER:?set QUEUELENS_DB_USER for a MariaDB/MySQL database}"; fi
DB_PASSWORD="${QUEUELENS_DB_PASSWORD:-}"

DRIVER_JAR=""
if [[ $FAMILY == MYSQL ]]; then
    DRIVER_JAR="${QUEUELENS_JDBC_DRIVER:-}"
    if [[ -z $DRIVER_JAR ]]; then
        for candidate in "$SCRIPT_DIR/mysql-connector-j.jar" "$SCRIPT_DIR/../../../target/runtime/mysql-connector-j.jar"; do
            [[ -f $candidate ]] && { DRIVER_JAR="$candidate"; break; }
        done
    fi
    [[ -n $DRIVER_JAR && -f $DRIVER_JAR ]] \
        || die "mysql-connector-j jar not found: set QUEUELENS_JDBC_DRIVER (mvn package builds server-config/target/runtime/mysql-connector-j.jar)"
    DRIVER_JAR="$(cd "$(dirname "$DRIVER_JAR")" && pwd)/$(basename "$DRIVER_JAR")"
fi

SMTP_HOST="${QUEUELENS_SMTP_HOST:-localhost}"
SMTP_PORT="${QUEUELENS_SMTP_PORT:-25}"
SMTP_FROM="${QUEUELENS_SMTP_FROM:-queuelens@localhost}"
SMTP_USER="${QUEUELENS_SMTP_USER:-queuelens}"
SMTP_PASSWORD="${QUEUELENS_SMTP_PASSWORD:-}"
SMTP_STARTTLS="${QUEUELENS_SMTP_STARTTLS:-false}"
POOL_MAX="${QUEUELENS_POOL_MAX:-32}"
[[ $SMTP_PORT =~ ^[0-9]+$ ]] || die "QUEUELENS_SMTP_PORT must be a number"
[[ $POOL_MAX =~ ^[0-9]+$ ]] || die "QUEUELENS_POOL_MAX must be a number"

# --- escaping ------------------------------------------------------------------------------------
# A value in an asadmin --property list: ':' '=' ';' (and '\') are backslash-escaped. The whole list
# sits in double quotes in the command file, so a '"' cannot be passed.
prop() {
    local v="$1"
    [[ $v != *'"'* ]] || die "a double quote cannot be used in a setting value: $v"
    v="${v//\\/\\\\}"; v="${v//:/\\:}"; v="${v//=/\\=}"; v="${v//;/\\;}"
    printf '%s' "$v"
}
# A value in a Java properties file (the asadmin password file).
propfile_value() {
    local v="${1//\\/\\\\}"
    [[ $v == ' '* ]] && v="\\$v"
    printf '%s' "$v"
}
plain() { [[ $1 != *'"'* ]] || die "a double quote cannot be used in: $1"; printf '%s' "$1"; }

# --- values for the template ---------------------------------------------------------------------
# Jakarta Batch's job repository schema on MySQL/MariaDB: the app's database (see deploy-ear.asadmin)
DB_NAME="${DB_URL#jdbc:mysql://*/}"; DB_NAME="${DB_NAME%%\?*}"
POOL_PROPERTIES="URL=$(prop "$DB_URL"):user=$(prop "$DB_USER")"
[[ -n $DB_PASSWORD ]] && POOL_PROPERTIES+=':password=${ALIAS\=queuelens-db-password}'

# Jakarta Mail session properties; GlassFish turns mail-smtp-x into mail.smtp.x.
MAIL_PROPERTIES="mail-smtp-port=$SMTP_PORT"
[[ $SMTP_STARTTLS == true ]] && MAIL_PROPERTIES+=":mail-smtp-starttls-enable=true"
[[ -n $SMTP_PASSWORD ]] && MAIL_PROPERTIES+=':mail-smtp-auth=true:mail-smtp-password=${ALIAS\=queuelens-smtp-password}'

SYSPROPS=("queuelens.data.dir=$QUEUELENS_DATA_DIR")
if [[ $DB_KIND == mariadb ]]; then
    DB_VERSION="${QUEUELENS_DB_VERSION:-10.11}"
    [[ $DB_VERSION =~ ^([0-9]+)\.([0-9]+) ]] || die "QUEUELENS_DB_VERSION must look like 10.11"
    SYSPROPS+=("jakarta.persistence.database-product-name=MariaDB"
               "jakarta.persistence.database-major-version=${BASH_REMATCH[1]}"
               "jakarta.persistence.database-minor-version=${BASH_REMATCH[2]}")
fi
if [[ -n ${QUEUELENS_PROPERTIES:-} ]]; then
    read -r -a extra <<< "$QUEUELENS_PROPERTIES"
    for o in "${extra[@]}"; do
        [[ $o == queuelens.*=* ]] || die "QUEUELENS_PROPERTIES takes queuelens.name=value settings only (got $o)"
        SYSPROPS+=("$o")
    done
fi
SYSTEM_PROPERTIES=""
for o in "${SYSPROPS[@]}"; do SYSTEM_PROPERTIES+="${SYSTEM_PROPERTIES:+:}${o%%=*}=$(prop "${o#*=}")"; done

# --- work files (removed on exit; the password file is readable by the owner only) ---------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/queuelens-install.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
chmod 700 "$WORK"

export TERM="${TERM:-dumb}"
asadmin() { "$ASADMIN" --interactive=false "$@" < /dev/null; }
# list_has <list-subcommand> <name>: whether the list shows that exact line.
list_has() { local out; out="$(asadmin "$1" 2>/dev/null)" || return 1; grep -qx -- "$2" <<< "$out"; }

# asadmin reads alias values from a password file; a given AS_ADMIN_PASSWORDFILE (admin password) is
# copied in, since --passwordfile replaces it for that command.
with_alias_password() {
    local name="$1" value="$2" pwfile="$WORK/alias.pw" cmd=create-password-alias
    : > "$pwfile"; chmod 600 "$pwfile"
    [[ -n ${AS_ADMIN_PASSWORDFILE:-} ]] && { cat "$AS_ADMIN_PASSWORDFILE"; echo; } >> "$pwfile"
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(propfile_value "$value")" >> "$pwfile"
    if grep -qx "$name" <<< "$ALIASES"; then cmd=update-password-alias; fi
    asadmin --passwordfile "$pwfile" "$cmd" "$name" > /dev/null || die "could not store password alias $name"
    rm -f "$pwfile"
    log "password alias $name stored (${cmd%%-*}d)"
}

# --- 0: the domain must be running ---------------------------------------------------------------
log "checking the domain (admin ${AS_ADMIN_HOST:-localhost}:${AS_ADMIN_PORT:-4848})"
APPS="$(asadmin list-applications 2>&1)" \
    || die "cannot reach the domain: start it first ($ASADMIN start-domain domain1), or set AS_ADMIN_PORT / AS_ADMIN_PASSWORDFILE. asadmin said: $APPS"

mkdir -p "$QUEUELENS_DATA_DIR" 2>/dev/null \
    || log "warning: could not create $QUEUELENS_DATA_DIR here; create it on the server, writable by the Payara user"

# --- 0b: remove what an earlier run created (upgrade / changed settings) -------------------------
if grep -qE '^queuelens[[:space:]]' <<< "$APPS"; then
    log "undeploying the installed QueueLens"
    asadmin undeploy queuelens > /dev/null || die "undeploy queuelens failed"
fi
if list_has list-jdbc-resources 'jdbc/queuelens'; then
    asadmin delete-jdbc-resource jdbc/queuelens > /dev/null || die "delete-jdbc-resource failed"
fi
if list_has list-jdbc-connection-pools 'queuelens-pool'; then
    asadmin delete-jdbc-connection-pool --cascade=true queuelens-pool > /dev/null || die "delete-jdbc-connection-pool failed"
fi
if list_has list-javamail-resources 'mail/queuelens'; then
    asadmin delete-javamail-resource mail/queuelens > /dev/null || die "delete-javamail-resource failed"
fi
while IFS= read -r old; do
    name="${old%%=*}"
    [[ $name =~ ^(queuelens\.|jakarta\.persistence\.database-) ]] || continue
    asadmin delete-system-property "$name" > /dev/null || die "delete-system-property $name failed"
done < <(asadmin list-system-properties 2>/dev/null || true)

# --- 0c: password aliases (the secrets never appear in a command file or in domain.xml) ----------
ALIASES="$(asadmin list-password-aliases 2>/dev/null || true)"
if [[ -n $DB_PASSWORD ]]; then with_alias_password queuelens-db-password "$DB_PASSWORD"
else log "QUEUELENS_DB_PASSWORD is empty: the pool connects without a password"; fi
[[ -n $SMTP_PASSWORD ]] && with_alias_password queuelens-smtp-password "$SMTP_PASSWORD"

# --- render the command file ---------------------------------------------------------------------
RENDERED="$WORK/deploy-ear.asadmin"
while IFS= read -r line || [[ -n $line ]]; do
    case "$line" in
        @MYSQL@*) [[ $FAMILY == MYSQL ]] || continue; line="${line#@MYSQL@}" ;;
        @H2@*)    [[ $FAMILY == H2 ]] || continue; line="${line#@H2@}" ;;
    esac
    line="${line//"@DRIVER_JAR@"/"$(plain "$DRIVER_JAR")"}"
    line="${line//"@POOL_MAX@"/"$POOL_MAX"}"
    line="${line//"@DB_NAME@"/"$(plain "$DB_NAME")"}"
    line="${line//"@POOL_PROPERTIES@"/"$POOL_PROPERTIES"}"
    line="${line//"@SMTP_HOST@"/"$(plain "$SMTP_HOST")"}"
    line="${line//"@SMTP_USER@"/"$(plain "$SMTP_USER")"}"
    line="${line//"@SMTP_FROM@"/"$(plain "$SMTP_FROM")"}"
    line="${line//"@MAIL_PROPERTIES@"/"$MAIL_PROPERTIES"}"
    line="${line//"@SYSTEM_PROPERTIES@"/"$SYSTEM_PROPERTIES"}"
    line="${line//"@EAR@"/"$(plain "$EAR")"}"
    printf '%s\n' "$line"
done < "$TEMPLATE" > "$RENDERED"
if grep -v '^#' "$RENDERED" | grep -q '@[A-Z_0-9]*@'; then die "unfilled placeholder in $TEMPLATE"; fi

# --- run it one step at a time -------------------------------------------------------------------
mapfile -t STEP_TITLES < <(sed -n 's/^# STEP \(.*\)$/\1/p' "$RENDERED")
awk -v dir="$WORK" '/^# STEP /{n++} n>0{print > (dir "/step-" n ".asadmin")}' "$RENDERED"
for i in "${!STEP_TITLES[@]}"; do
    n=$((i + 1))
    log "step ${STEP_TITLES[$i]}"
    if ! "$ASADMIN" --interactive=false multimode --file "$WORK/step-$n.asadmin" < /dev/null; then
        die "step ${STEP_TITLES[$i]} failed (see the messages above and the domain's logs/server.log)"
    fi
done

log "QueueLens is deployed. It is ready when http://<server>:<http port>/health/ready reports UP;"
log "the first administrator's password is in the server log and in $QUEUELENS_DATA_DIR/initial-admin-password."
