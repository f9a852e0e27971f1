package io.queuelens.sources.asterisk.entity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.io.Serializable;

/**
 * What an administrator enters for a PBX (the admin page's form, the REST API's JSON body). The rules
 * of single fields are Bean Validation constraints; the rules between fields (what a mode needs) are in
 * {@code AsteriskSourceRules}. {@code dbPassword} and {@code amiSecret} are write-only: they are never
 * filled from a stored source, and left empty on an edit they keep the stored value.
 */
public class AsteriskSourceForm implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";
    private static final String TABLE_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,63}";

    @NotBlank(message = "enter a short name (it names the PBX's data)")
    @Pattern(regexp = NAME_PATTERN, message = "1 to 32 of a-z 0-9 and '-', starting with a letter or digit")
    private String name;

    @NotBlank(message = "enter the name shown to people")
    @Size(max = 200, message = "at most 200 characters")
    private String displayName;

    private boolean enabled = true;

    @NotNull(message = "choose where the queue_log is read from")
    private QueueLogMode mode = QueueLogMode.TABLE;

    @Size(max = 500, message = "at most 500 characters")
    @Pattern(regexp = "jdbc:(mysql|mariadb)://[^\\s]+", message = "a MySQL/MariaDB URL: jdbc:mysql://HOST:PORT/DATABASE")
    private String dbUrl;

    @Size(max = 100, message = "at most 100 characters")
    private String dbUser;

    @Size(max = 200, message = "at most 200 characters")
    private String dbPassword;

    @Pattern(regexp = TABLE_PATTERN, message = "a plain table name: letters, digits and '_'")
    private String queueLogTable = "queue_log";

    @Size(max = 1000, message = "at most 1000 characters")
    private String queueLogFile;

    @Pattern(regexp = TABLE_PATTERN, message = "a plain table name: letters, digits and '_'")
    private String cdrTable;

    @Size(max = 255, message = "at most 255 characters")
    @Pattern(regexp = "[A-Za-z0-9.:\\[\\]-]+", message = "a host name or IP address")
    private String amiHost;

    @Min(value = 1, message = "a port from 1 to 65535")
    @Max(value = 65535, message = "a port from 1 to 65535")
    private Integer amiPort;

    @Size(max = 100, message = "at most 100 characters")
    private String amiUser;

    @Size(max = 200, message = "at most 200 characters")
    private String amiSecret;

    /** IANA zone of the PBX's clock; empty = the tenant's. Checked by the rules (ZoneId knows the list). */
    @Size(max = 64, message = "at most 64 characters")
    private String timeZone;

    /** The form of a stored source for editing: everything but the secrets. */
    public static AsteriskSourceForm of(AsteriskSourceConfig c) {
        AsteriskSourceForm f = new AsteriskSourceForm();
        f.name = c.name();
        f.displayName = c.displayName();
        f.enabled = c.enabled();
        f.mode = c.mode();
        f.dbUrl = c.dbUrl();
        f.dbUser = c.dbUser();
        f.queueLogTable = c.queueLogTable();
        f.queueLogFile = c.queueLogFile();
        f.cdrTable = c.cdrTable();
        f.amiHost = c.amiHost();
        f.amiPort = c.amiPort();
        f.amiUser = c.amiUser();
        f.timeZone = c.timeZone() == null ? null : c.timeZone().getId();
        return f;
    }

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
    public QueueLogMode getMode() { return mode; }
    public void setMode(QueueLogMode v) { mode = v; }
    public String getDbUrl() { return dbUrl; }
    public void setDbUrl(String v) { dbUrl = v; }
    public String getDbUser() { return dbUser; }
    public void setDbUser(String v) { dbUser = v; }
    public String getDbPassword() { return dbPassword; }
    public void setDbPassword(String v) { dbPassword = v; }
    public String getQueueLogTable() { return queueLogTable; }
    public void setQueueLogTable(String v) { queueLogTable = v; }
    public String getQueueLogFile() { return queueLogFile; }
    public void setQueueLogFile(String v) { queueLogFile = v; }
    public String getCdrTable() { return cdrTable; }
    public void setCdrTable(String v) { cdrTable = v; }
    public String getAmiHost() { return amiHost; }
    public void setAmiHost(String v) { amiHost = v; }
    public Integer getAmiPort() { return amiPort; }
    public void setAmiPort(Integer v) { amiPort = v; }
    public String getAmiUser() { return amiUser; }
    public void setAmiUser(String v) { amiUser = v; }
    public String getAmiSecret() { return amiSecret; }
    public void setAmiSecret(String v) { amiSecret = v; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String v) { timeZone = v; }

    @Override
    public String toString() {
        return "AsteriskSourceForm[" + name + ", " + mode + "]"; // never the secrets
    }
}
