package io.queuelens.identity.boundary;

import jakarta.ejb.ApplicationException;

/** A password change that was refused; the message is a resource bundle key saying why. */
@ApplicationException(rollback = true)
public class PasswordChangeRejected extends RuntimeException {

    public PasswordChangeRejected(String messageKey) {
        super(messageKey);
    }

    public String messageKey() {
        return getMessage();
    }
}
