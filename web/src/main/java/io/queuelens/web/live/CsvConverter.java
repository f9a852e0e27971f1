package io.queuelens.web.live;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;

import java.util.Arrays;
import java.util.List;

/** A list of names typed as "sales, support": split at commas, blanks dropped, order kept. */
@FacesConverter("ql.csv")
public class CsvConverter implements Converter<Object> {

    @Override
    public Object getAsObject(FacesContext context, UIComponent component, String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Object value) {
        return value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : value == null ? "" : value.toString();
    }
}
