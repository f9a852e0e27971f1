package io.queuelens.exports.entity;

import jakarta.ejb.ApplicationException;

/**
 * The caller may not export this report: not a report reader, another tenant, or a queue outside
 * their visibility. The REST API answers 403 naming {@link #parameter()}.
 */
@ApplicationException
public class ExportRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ExportRefused(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
