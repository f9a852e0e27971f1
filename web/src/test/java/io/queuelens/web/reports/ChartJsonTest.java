package io.queuelens.web.reports;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartJsonTest {

    private static final String PLANT = "</script><script>window.__xss=1</script>\"><img src=x onerror=window.__xss=1>&amp;";

    @Test
    void namesThatCouldEndTheWidgetScriptAreEscapedAndReadBackUnchanged() {
        String json = new ChartJson(List.of(PLANT, "sales")).bars(PLANT, List.of(1, 2), "#123456").toJson("calls <b>");
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        JsonObject read = Json.createReader(new StringReader(json)).readObject();
        assertThat(read.getJsonObject("data").getJsonArray("labels").getString(0)).isEqualTo(PLANT);
        assertThat(read.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getString("label")).isEqualTo(PLANT);
    }
}
