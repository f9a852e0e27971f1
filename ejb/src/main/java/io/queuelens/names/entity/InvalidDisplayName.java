package io.queuelens.names.entity;

/**
 * A display name or system name that cannot be stored; {@link #field()} names the form field or JSON
 * property, {@link #messageKey()} the bundle key the page shows.
 */
public class InvalidDisplayName extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String messageKey;

    public InvalidDisplayName(String field, String messageKey, String message) {
        super(message);
        this.field = field;
        this.messageKey = messageKey;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
