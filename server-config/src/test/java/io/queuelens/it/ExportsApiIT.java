package io.queuelens.it;

import io.queuelens.exports.control.SnappyCodecs;
import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report exports on the deployed server with MariaDB: every format of the summary and of the call
 * list downloads with its content type and file name, opens in the reader of its format (POI, PDFBox,
 * parquet-java) and holds the figures the JSON endpoints answer for the same request; bad names,
 * formats and filters are 400 naming the parameter; another tenant and an invisible queue are 403.
 *
 * <p>The range is two finished hours of the demo's backfill (ingestion has passed them), so the JSON
 * and the files read the same facts even while the demo keeps taking calls.
 */
@ExtendWith(SharedMariaDbServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportsApiIT {

    private static final String TOKEN = SharedMariaDbServer.API_TOKEN;
    private static final String PASSWORD = "Exports-Password-2026!";

    private String range;

    @BeforeAll
    void finishedRange(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (d.database().count("select count(*) from rollup_queue_15m where tenant_id = 'demo'") == 0) {
            assertThat(Instant.now()).as("demo rollups exist").isBefore(deadline);
            Thread.sleep(1000);
        }
        Instant from = firstVisit(d).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant to = from.plus(Duration.ofHours(2));
        while (d.database().count("select count(*) from queue_visit where tenant_id = 'demo' and entered_at >= '"
                + sql(to.plus(Duration.ofHours(2))) + "'") == 0) {
            assertThat(Instant.now()).as("ingestion passes " + to.plus(Duration.ofHours(2))).isBefore(deadline);
            Thread.sleep(1000);
        }
        range = "tenant=demo&tz=UTC&from=" + from + "&to=" + to;
    }

    @Test
    void theSummaryInEveryFormatHoldsTheJsonReportsFigures(Deployment d) throws Exception {
        JsonObject json = json(d.server().get("/api/v1/reports/summary?" + range, TOKEN));
        long offered = json.getJsonObject("total").getJsonNumber("offered").longValue();
        long answered = json.getJsonObject("total").getJsonNumber("answered").longValue();
        JsonArray queues = json.getJsonArray("rows");
        assertThat(offered).isPositive();

        HttpResponse<byte[]> xlsx = download(d, "/api/v1/exports/summary?" + range + "&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse(""))
                .matches("attachment; filename=\"demo-summary-\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}\\.xlsx\"");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet total = wb.getSheet("total");
            assertThat(total.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Offered");
            assertThat((long) total.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(offered);
            assertThat((long) total.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(answered);
            Sheet perQueue = wb.getSheet("queues");
            assertThat(perQueue.getLastRowNum()).isEqualTo(queues.size());
            assertThat(perQueue.getPaneInformation().isFreezePane()).isTrue();
            for (int i = 0; i < queues.size(); i++) {
                Row row = perQueue.getRow(i + 1);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(queues.getJsonObject(i).getString("queue"));
                assertThat((long) row.getCell(1).getNumericCellValue())
                        .isEqualTo(queues.getJsonObject(i).getJsonNumber("offered").longValue());
            }
        }

        HttpResponse<byte[]> csv = download(d, "/api/v1/exports/summary?" + range + "&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = new String(csv.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(csv.body()[0]).isEqualTo((byte) 'Q');
        assertThat(lines[0]).startsWith("Queue,Offered,Answered,");
        assertThat(lines).hasSize(queues.size() + 1);
        long csvOffered = 0;
        for (int i = 1; i < lines.length; i++) {
            csvOffered += Long.parseLong(lines[i].split(",")[1]);
        }
        assertThat(csvOffered).as("queues' offered add up (a call is offered once per queue)").isEqualTo(offered);
        HttpResponse<byte[]> excelCsv = download(d, "/api/v1/exports/summary?" + range + "&format=csv&bom=true");
        assertThat(excelCsv.body()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);

        HttpResponse<byte[]> pdf = download(d, "/api/v1/exports/summary?" + range + "&format=pdf");
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (var doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Summary", "(UTC)", "Offered", "Per queue", queues.getJsonObject(0).getString("queue"));
            assertThat(text).containsPattern("Offered\\s+" + offered + "\\b");
            assertThat(doc.getPage(0).getResources().getXObjectNames()).as("the chart").isNotEmpty();
        }

        HttpResponse<byte[]> parquet = download(d, "/api/v1/exports/summary?" + range + "&format=parquet");
        assertThat(parquet.headers().firstValue("Content-Disposition").orElse("")).endsWith(".parquet\"");
        List<Group> rows = readParquet(parquet.body());
        assertThat(rows).hasSize(queues.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject q = queues.getJsonObject(i);
            assertThat(rows.get(i).getString("queue", 0)).isEqualTo(q.getString("queue"));
            assertThat(rows.get(i).getLong("offered", 0)).isEqualTo(q.getJsonNumber("offered").longValue());
            if (!q.isNull("serviceLevel")) {
                assertThat(rows.get(i).getDouble("serviceLevel", 0)).isEqualTo(q.getJsonNumber("serviceLevel").doubleValue());
            }
        }
    }

    @Test
    void theCallListExportsEveryVisitOfTheJsonCallList(Deployment d) throws Exception {
        Map<String, JsonObject> byKey = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonObject p = json(d.server().get("/api/v1/calls?" + range + "&sort=enteredAt,asc&size=1000&page=" + page, TOKEN));
            JsonArray items = p.getJsonArray("items");
            if (items.isEmpty()) {
                break;
            }
            for (int i = 0; i < items.size(); i++) {
                JsonObject v = items.getJsonObject(i);
                String key = v.getString("sourceId") + "|" + v.getString("callId") + "|" + v.getInt("visitSeq");
                byKey.put(key, v);
                order.add(key);
            }
        }
        assertThat(order).isNotEmpty();

        HttpResponse<byte[]> parquet = download(d, "/api/v1/exports/calls?" + range + "&sort=enteredAt,asc&format=parquet");
        assertThat(parquet.statusCode()).isEqualTo(200);
        List<Group> rows = readParquet(parquet.body());
        assertThat(rows).hasSize(order.size());
        for (Group g : rows) {
            String key = g.getString("sourceId", 0) + "|" + g.getString("callId", 0) + "|" + g.getLong("visitSeq", 0);
            JsonObject v = byKey.get(key);
            assertThat(v).as(key).isNotNull();
            assertThat(g.getString("queue", 0)).isEqualTo(v.getString("queue"));
            assertThat(g.getString("outcome", 0)).isEqualTo(v.getString("outcome"));
            assertThat(g.getDouble("wait", 0)).isEqualTo(v.getInt("wait"));
            assertThat(g.getDouble("talk", 0)).isEqualTo(v.getInt("talk"));
            assertThat(Instant.ofEpochMilli(g.getLong("enteredAt", 0)))
                    .isEqualTo(OffsetDateTime.parse(v.getString("enteredAt")).toInstant());
            if (v.isNull("agent")) {
                assertThat(g.getFieldRepetitionCount("agent")).isZero();
            } else {
                assertThat(g.getString("agent", 0)).isEqualTo(v.getString("agent"));
            }
        }

        HttpResponse<byte[]> xlsx = download(d, "/api/v1/exports/calls?" + range + "&sort=enteredAt,asc&format=xlsx");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet calls = wb.getSheet("calls");
            assertThat(calls.getLastRowNum()).isEqualTo(order.size());
            assertThat(calls.getRow(1).getCell(1).getStringCellValue()).isEqualTo(order.get(0).split("\\|")[1]);
        }
        HttpResponse<byte[]> csv = download(d, "/api/v1/exports/calls?" + range + "&sort=enteredAt,asc&format=csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).split("\r\n")).hasSize(order.size() + 1);
        HttpResponse<byte[]> pdf = download(d, "/api/v1/exports/calls?" + range + "&sort=enteredAt,asc&format=pdf");
        try (var doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).containsPattern("Calls\\s+" + order.size() + "\\b");
            // narrow columns wrap long ids over lines: compare without the white space
            assertThat(text.replaceAll("\\s", "")).contains(order.get(0).split("\\|")[1]);
        }
    }

    @Test
    void everyReportDownloadsInEveryFormat(Deployment d) throws Exception {
        for (String report : List.of("intervals", "answered", "unanswered", "agents", "queues", "cdr")) {
            for (String format : List.of("xlsx", "csv", "pdf", "parquet")) {
                // queues is per day by default: these two hours need an hourly interval
                String interval = report.equals("queues") ? "&interval=PT1H" : "";
                HttpResponse<byte[]> r = download(d, "/api/v1/exports/" + report + "?" + range + interval + "&format=" + format);
                assertThat(r.statusCode()).as(report + " " + format + ": " + new String(r.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                assertThat(r.body()).as(report + " " + format).isNotEmpty();
            }
        }
    }

    @Test
    void badNamesFormatsAndFiltersAre400NamingTheParameter(Deployment d) throws Exception {
        assertBad(d, "/api/v1/exports/payroll?" + range + "&format=csv", "name");
        assertBad(d, "/api/v1/exports/summary?" + range + "&format=docx", "format");
        assertBad(d, "/api/v1/exports/summary?" + range, "format");
        assertBad(d, "/api/v1/exports/summary?tenant=demo&from=yesterday&to=2026-11-21&format=xlsx", "from");
        assertBad(d, "/api/v1/exports/calls?" + range + "&outcome=MAYBE&format=csv", "outcome");
        assertBad(d, "/api/v1/exports/summary?" + range + "&format=csv&bom=perhaps", "bom");
        assertThat(d.server().get("/api/v1/exports/summary?" + range + "&format=csv").statusCode()).isEqualTo(401);
    }

    @Test
    void anotherTenantAndAnInvisibleQueueAre403(Deployment d) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String own = "ex-" + s;
        HttpResponse<String> created = AccessMatrixIT.tokenCall(d, "POST", "/api/v1/tenants", "{\"id\": \"" + own
                + "\", \"name\": \"Exports " + s + "\", \"timeZone\": \"UTC\", \"locale\": \"en\", \"currency\": \"EUR\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String manager = "ex-manager-" + s;
        FormLogin other = FormLogin.firstLogin(d.server(), manager,
                AccessMatrixIT.invite(d, manager, "MANAGER", "{\"" + own + "\": []}"), PASSWORD);
        for (String format : List.of("xlsx", "csv", "pdf", "parquet")) {
            HttpResponse<String> r = other.get("/api/v1/exports/summary?" + range + "&format=" + format);
            assertThat(r.statusCode()).as(format).isEqualTo(403);
            assertThat(json(r).getString("parameter")).isEqualTo("tenant");
        }
        assertThat(other.get("/api/v1/exports/calls?" + range + "&format=csv").statusCode()).isEqualTo(403);
        assertThat(other.get("/api/v1/exports/cdr?" + range + "&format=csv").statusCode()).isEqualTo(403);

        JsonArray queues = json(d.server().get("/api/v1/reports/summary?" + range, TOKEN)).getJsonArray("rows");
        String visible = queues.getJsonObject(0).getString("queue");
        String reader = "ex-reader-" + s;
        FormLogin limited = FormLogin.firstLogin(d.server(), reader,
                AccessMatrixIT.invite(d, reader, "REPORTS", "{\"demo\": [\"" + visible + "\"]}"), PASSWORD);
        HttpResponse<String> invisible = limited.get("/api/v1/exports/summary?" + range + "&queues=" + visible
                + "-not-" + s + "&format=csv");
        assertThat(invisible.statusCode()).isEqualTo(403);
        assertThat(json(invisible).getString("parameter")).isEqualTo("queues");
        // without queues the limited reader's file holds exactly their one queue
        HttpResponse<String> own1 = limited.get("/api/v1/exports/summary?" + range + "&format=csv");
        assertThat(own1.statusCode()).isEqualTo(200);
        String[] lines = own1.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(visible + ",");
    }

    @Test
    void everyReportPageLinksItsDownloadsWithItsFiltersAndTheSessionDownloadsThem(Deployment d) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String name = "ex-page-" + s;
        FormLogin reader = FormLogin.firstLogin(d.server(), name,
                AccessMatrixIT.invite(d, name, "REPORTS", "{\"demo\": []}"), PASSWORD);
        for (String page : List.of("summary", "intervals", "answered", "unanswered", "agents", "queues", "cdr")) {
            // intervals and queues default to days; these two hours need an hourly interval (as the page would say)
            String interval = page.equals("intervals") || page.equals("queues") ? "&interval=PT1H" : "";
            HttpResponse<String> html = reader.get("/reports/" + page + ".xhtml?" + range + interval);
            assertThat(html.statusCode()).as(page).isEqualTo(200);
            for (String id : List.of("exportXlsx", "exportCsv", "exportCsvExcel", "exportPdf", "exportParquet")) {
                assertThat(html.body()).as(page + " " + id).contains("id=\"" + id + "\"");
            }
            String href = href(html.body(), "exportCsv");
            assertThat(href).as(page).contains("/api/v1/exports/" + page + "?", "tenant=demo", "format=csv");
            if (!page.equals("queues")) { // the queue page's one queue is chosen by the page
                assertThat(href).as(page).contains("from=" + java.net.URLEncoder.encode(range.split("from=")[1].split("&")[0],
                        StandardCharsets.UTF_8));
            }
            HttpResponse<String> csv = reader.get(href.substring(href.indexOf("/api/")));
            assertThat(csv.statusCode()).as(page + " " + href + ": " + csv.body()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"demo-" + page);
        }
        // the summary page's CSV is the summary of the page's filters: one line per queue of the JSON
        JsonArray queues = json(d.server().get("/api/v1/reports/summary?" + range, TOKEN)).getJsonArray("rows");
        String href = href(reader.get("/reports/summary.xhtml?" + range).body(), "exportCsv");
        assertThat(reader.get(href.substring(href.indexOf("/api/"))).body().split("\r\n")).hasSize(queues.size() + 1);
    }

    /** The href of the link with this id, HTML entities of a URL undone. */
    private static String href(String html, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<a[^>]*id=\"" + id + "\"[^>]*href=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            m = java.util.regex.Pattern.compile("<a[^>]*href=\"([^\"]+)\"[^>]*id=\"" + id + "\"").matcher(html);
            assertThat(m.find()).as("link " + id).isTrue();
        }
        return m.group(1).replace("&amp;", "&");
    }

    private static void assertBad(Deployment d, String path, String parameter) throws Exception {
        HttpResponse<String> r = d.server().get(path, TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(json(r).getString("parameter")).as(path).isEqualTo(parameter);
    }

    private static HttpResponse<byte[]> download(Deployment d, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.server().url(path))).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r;
    }

    /** Reads a Parquet file back through parquet-java (no Hadoop file system: a local input file). */
    static List<Group> readParquet(byte[] file) throws Exception {
        Path tmp = Files.createTempFile("export-it", ".parquet");
        try {
            Files.write(tmp, file);
            ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(new SnappyCodecs()).build();
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(tmp), options)) {
                MessageType schema = r.getFooter().getFileMetaData().getSchema();
                MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
                List<Group> rows = new ArrayList<>();
                PageReadStore pages;
                while ((pages = r.readNextRowGroup()) != null) {
                    RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(rr.read());
                    }
                }
                return rows;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isLessThan(500);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static String sql(Instant t) {
        return t.toString().replace("T", " ").replace("Z", "");
    }

    private static Instant firstVisit(Deployment d) throws Exception {
        try (java.sql.Connection c = d.database().connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select min(entered_at) from queue_visit where tenant_id = 'demo'")) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
    }
}
