package io.queuelens.ops.entity;

/**
 * One self-check's outcome.
 *
 * @param check   what was checked: database, schema, source, smtp, disk, keyfile
 * @param subject which one (a source's tenant/name, an SMTP scope, a path), or null
 * @param status  OK, WARN (works but needs attention), FAIL, or SKIPPED (nothing to check)
 * @param detail  what was found, in English (host names, versions, numbers)
 * @param hintKey bundle key of what to do about it ({@code ops.fix.*}); null when OK
 */
public record CheckResult(String check, String subject, Status status, String detail, String hintKey) implements java.io.Serializable {

    public enum Status { OK, WARN, FAIL, SKIPPED }

    public static CheckResult ok(String check, String subject, String detail) {
        return new CheckResult(check, subject, Status.OK, detail, null);
    }

    public boolean passed() {
        return status == Status.OK || status == Status.SKIPPED;
    }
}
