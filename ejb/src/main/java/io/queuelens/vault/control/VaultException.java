package io.queuelens.vault.control;

/** A secret could not be encrypted or decrypted; the message says why and what to check. */
public class VaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
