package io.queuelens.web.reports;

import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * Puts each problem of a report request on the filter field of its parameter: every report page's
 * filter form is {@code filters} and names its fields like the REST parameters.
 */
final class FilterProblems {

    private FilterProblems() {
    }

    /** @param summaryKey bundle key of the message's summary line (e.g. "this report cannot be made") */
    static void show(FacesContext faces, InvalidReportRequest e, String summaryKey) {
        e.problems().forEach(p -> faces.addMessage("filters:" + p.parameter(),
                new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text(summaryKey), p.message())));
    }
}
