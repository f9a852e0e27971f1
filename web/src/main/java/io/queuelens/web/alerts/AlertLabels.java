package io.queuelens.web.alerts;

import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.Severity;
import io.queuelens.web.i18n.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** The words of the alert toasts in the page's language, as JSON for alerts.js (a data attribute: no inline script). */
@Named
@RequestScoped
public class AlertLabels {

    public String getJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (String kind : new String[]{"FIRING", "REPEAT", "RESOLVED"}) {
            b.add("kind." + kind, word("alerts.kind", kind));
        }
        for (Severity s : Severity.values()) {
            b.add("severity." + s.name(), word("alerts.severity", s.name()));
        }
        for (Figure f : Figure.values()) {
            b.add("figure." + f.name(), word("alerts.figure", f.name()));
        }
        b.add("open", Messages.text("alerts.toast.open"));
        b.add("close", Messages.text("alerts.toast.close"));
        return b.build().toString();
    }

    /** {@code <group>.<name>} from the bundle (every enum constant has its key; BundleCompletenessTest reads pages). */
    private static String word(String group, String name) {
        return Messages.text(group + "." + name);
    }
}
